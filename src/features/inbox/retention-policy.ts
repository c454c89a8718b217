export interface RetentionPolicy {
  requestDays: number
  spamDays: number
}

const wholeDays = (value: string | undefined, fallback: number) => {
  const days = Number(value)
  return Number.isInteger(days) && days > 0 ? days : fallback
}

/** RETENTION_DAYS (default 365) and SPAM_RETENTION_DAYS (default 30) from the deployment's vars. */
export const readRetentionPolicy = (env: Pick<Env, 'RETENTION_DAYS' | 'SPAM_RETENTION_DAYS'>): RetentionPolicy => ({
  requestDays: wholeDays(env.RETENTION_DAYS, 365),
  spamDays: wholeDays(env.SPAM_RETENTION_DAYS, 30),
})
