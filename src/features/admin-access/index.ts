export type { AdminEnv } from './auth'
export { accessCookie, requireAdmin, requireCsrfToken, sessionSecret, signOut, signOutEverywhere, uncountedCookie, usesAccess } from './auth'
export { sessionRoutes } from './http/session'
export { AccessSessionsPage } from './views/AccessSessionsPage'
