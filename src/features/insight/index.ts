export { createViewCounter } from './counter'
export { tidyInsight } from './retention'
export { summarizeArticleWeek } from './store/insight-report'
