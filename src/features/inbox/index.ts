export type { RetentionPolicy } from './store/erasure'
export { purgeExpiredRequests, readRetentionPolicy } from './store/erasure'
export { deleteExpiredInboxSearches } from './store/inbox-searches'
export { fillMissingSearchKeys } from './store/search-keys'
