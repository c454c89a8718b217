export const requestKinds = ['contact', 'booking'] as const

export const requestStatuses = ['new', 'contacted', 'scheduled', 'closed', 'spam'] as const

export const dayPeriods = ['morning', 'afternoon', 'evening'] as const

export const heardFromChoices = ['search', 'article', 'friend', 'practitioner', 'social', 'other'] as const

/**
 * A booking's appointment, after the request (src/features/bookings/domain/states.ts holds
 * the transitions between them). Null for contact requests.
 */
export const appointmentStates = ['requested', 'proposed', 'confirmed', 'declined', 'expired', 'cancelled', 'attended', 'no-show', 'late-cancelled'] as const

export type RequestKind = (typeof requestKinds)[number]

export type RequestStatus = (typeof requestStatuses)[number]

export type DayPeriod = (typeof dayPeriods)[number]

export type AppointmentState = (typeof appointmentStates)[number]

export type HeardFrom = (typeof heardFromChoices)[number]
