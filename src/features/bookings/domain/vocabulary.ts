export const requestKinds = ['contact', 'booking'] as const

export const requestStatuses = ['new', 'contacted', 'scheduled', 'closed', 'spam'] as const

export const dayPeriods = ['morning', 'afternoon', 'evening'] as const

export const heardFromChoices = ['search', 'article', 'friend', 'practitioner', 'social', 'other'] as const

/**
 * A booking's appointment, after the request (src/features/bookings/domain/states.ts holds
 * the transitions between them). Null for contact requests.
 */
export const appointmentStates = ['requested', 'proposed', 'confirmed', 'declined', 'expired', 'cancelled', 'attended', 'no-show', 'late-cancelled'] as const

/** How an appointment that took its time ended: the states the inbox counts and the outcome form records. */
export const outcomeStates = ['attended', 'no-show', 'late-cancelled'] as const satisfies readonly AppointmentState[]

/** How a booking came in: `request` (the practitioner confirms a time), `direct` (a free time taken at once), `waitlist` (taken from a waitlist offer). */
export const bookingRoutesTaken = ['request', 'direct', 'waitlist'] as const

/** Why a waitlist entry ended before it expired: the patient left, or took an offered time. */
export const waitlistEndings = ['left', 'booked'] as const

/** What became of a sent offer: taken by its patient, or found gone when they tried. */
export const waitlistOfferOutcomes = ['taken', 'gone'] as const

export type RequestKind = (typeof requestKinds)[number]

export type RequestStatus = (typeof requestStatuses)[number]

export type DayPeriod = (typeof dayPeriods)[number]

export type AppointmentState = (typeof appointmentStates)[number]

export type OutcomeState = (typeof outcomeStates)[number]

export type HeardFrom = (typeof heardFromChoices)[number]

/** Who wrote a message of a request's thread: the clinic (from the inbox) or the patient (a reply by email). */
export const threadAuthors = ['clinic', 'patient'] as const
