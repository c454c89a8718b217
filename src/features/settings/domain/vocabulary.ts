export const settingsSections = ['practice', 'hours', 'time-off', 'treatments', 'policies', 'saved-replies'] as const

export type SettingsSection = (typeof settingsSections)[number]

/** How a treatment is booked: taken at once from the free times, or asked for and confirmed by the practitioner. */
export const bookingModes = ['direct', 'request'] as const

export type BookingMode = (typeof bookingModes)[number]
