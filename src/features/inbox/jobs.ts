/** What only the crons run, imported by src/jobs.ts (loaded on the first cron run): a public page never evaluates it. */
export { purgeExpiredRequests } from './store/erasure'
export { deleteExpiredInboxSearches } from './store/inbox-searches'
export { fillMissingSearchKeys } from './store/search-keys'
