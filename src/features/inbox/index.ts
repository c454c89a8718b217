export type { RetentionPolicy } from './retention-policy'
export { readRetentionPolicy } from './retention-policy'
