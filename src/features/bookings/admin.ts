/** What only the inbox uses, imported by src/admin-app.tsx alone, which src/app.tsx loads on the first /admin request: a public page never evaluates it. */
export { listAffectedAppointments } from './affected'
export { agendaRoutes } from './http/agenda'
export { appointmentRoutes } from './http/appointment'
export { calendarFeedRoutes } from './http/calendar-admin'
export { waitlistAdminRoutes } from './http/waitlist-admin'
export { findCalendarFallback } from './store/calendar-fallback'
