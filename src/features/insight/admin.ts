/** What only the inbox uses, imported by src/admin-app.tsx alone, which src/app.tsx loads on the first /admin request: a public page never evaluates it. */
export { insightRoutes } from './http/insight'
