export const settingsSections = ['practice', 'hours', 'time-off', 'treatments', 'policies'] as const

export type SettingsSection = (typeof settingsSections)[number]
