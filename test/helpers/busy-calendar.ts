import { afterEach, beforeAll } from 'vitest'
import { removeBusyCalendarAddress } from '../../src/features/bookings/store/busy-calendar'
import { db } from './forms'

/**
 * The practitioner's calendar is one row: a file that saves an address starts
 * from none and leaves none after each test, so no other file's five-minute
 * cron ever reads one of its addresses. Call at the top of the file.
 */
export function leaveNoCalendarAddress(): void {
  beforeAll(() => removeBusyCalendarAddress(db()))
  afterEach(() => removeBusyCalendarAddress(db()))
}
