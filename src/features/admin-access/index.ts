export type { AdminEnv } from './auth'
export { accessCookie, sessionSecret, uncountedCookie } from './auth'
export { sessionLifetimeMs } from './store/sessions'
