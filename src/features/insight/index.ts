export { createViewCounter } from './counter'
export { insightRoutes } from './http/insight'
export { tidyInsight } from './retention'
export { summarizeArticleWeek } from './store/insight-report'
