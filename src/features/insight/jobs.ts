/** What only the crons run, imported by src/jobs.ts (loaded on the first cron run): a public page never evaluates it. */
export { tidyInsight } from './retention'
export { summarizeArticleWeek } from './store/insight-report'
