import { describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../../src/config'
import { planReminders } from '../../../../src/features/bookings/domain/reminders'
import { readAppointmentPolicy } from '../../../../src/features/settings/domain/appointment-policy'
import { zonedDate, zonedInstant, zonedTime } from '../../../../src/platform/time-zone'

/*
 * Every instant is a wall-clock time in the practice's zone (America/Los_Angeles)
 * under the default opening hours: Monday to Friday 09:00-18:00, Saturday 09:00-13:00.
 */
const at = (date: string, time: string) => zonedInstant(date, time, practice.timeZone)
const local = (instant: Date) => `${zonedDate(instant, practice.timeZone)} ${zonedTime(instant, practice.timeZone)}`
const quiet = { from: '21:00', to: '08:00' }
const plan = (start: Date, now: Date, reminderHours: number[], quietHours: { from: string; to: string } | null = quiet, config = practice) =>
  planReminders({ start, now, policy: { reminderHours, quietHours }, config }).map(local)
const longBefore = at('2027-05-01', '12:00')

describe('planReminders: lead times', () => {
  it('plans one reminder the day before by default, at the same clinic time', () => {
    const policy = readAppointmentPolicy({})
    // Wednesday 16 June 2027, 10:00.
    expect(planReminders({ start: at('2027-06-16', '10:00'), now: longBefore, policy, config: practice }).map(local)).toEqual(['2027-06-15 10:00'])
  })

  it('plans one per lead time: "48,2" sends two days before and two hours before', () => {
    const policy = readAppointmentPolicy({ REMINDER_HOURS: '48,2' })
    expect(planReminders({ start: at('2027-06-16', '10:00'), now: longBefore, policy, config: practice }).map(local)).toEqual([
      '2027-06-14 10:00',
      '2027-06-16 08:00',
    ])
  })

  it('counts the hours beyond whole days as elapsed time', () => {
    expect(plan(at('2027-06-16', '15:30'), longBefore, [26])).toEqual(['2027-06-15 13:30'])
  })
})

describe('planReminders: quiet hours', () => {
  it('moves a reminder due at night to the end of the previous open day', () => {
    // 12 hours before Tuesday 09:00 is Monday 21:00, when the quiet hours begin.
    expect(plan(at('2027-06-15', '09:00'), longBefore, [12])).toEqual(['2027-06-14 18:00'])
    // 2 hours before Tuesday 09:30 is 07:30 on the morning itself: still Monday's closing.
    expect(plan(at('2027-06-15', '09:30'), longBefore, [2])).toEqual(['2027-06-14 18:00'])
  })

  it('leaves a reminder due at the moment the quiet hours end where it is', () => {
    expect(plan(at('2027-06-15', '10:00'), longBefore, [2])).toEqual(['2027-06-15 08:00'])
    // Due at 20:59: the cron's 21:00 run would send it in the quiet hours, so its 20:55 run does.
    expect(plan(at('2027-06-15', '22:59'), longBefore, [2])).toEqual(['2027-06-15 20:55'])
  })

  it('skips the days the clinic is closed, Sunday and closed dates alike', () => {
    // Monday 14 June 07:00 → the Saturday before, closing at 13:00.
    expect(plan(at('2027-06-14', '09:00'), longBefore, [2])).toEqual(['2027-06-12 13:00'])
    const closedFriday = { ...practice, booking: { ...practice.booking, closedDates: ['2027-06-11'] } }
    expect(plan(at('2027-06-12', '09:00'), longBefore, [2], quiet, closedFriday)).toEqual(['2027-06-10 18:00'])
  })

  it('passes over a closing time that is itself quiet, with quiet hours that do not span midnight', () => {
    // Quiet 12:00-14:00: Saturday's 13:00 closing is quiet, so Friday's 18:00 it is.
    expect(plan(at('2027-06-12', '15:00'), longBefore, [2], { from: '12:00', to: '14:00' })).toEqual(['2027-06-11 18:00'])
  })

  it('with no open day in the seven days before, goes just before that night’s quiet hours began', () => {
    const neverOpen = { ...practice, openingHours: [] }
    expect(plan(at('2027-06-15', '09:00'), longBefore, [2], quiet, neverOpen)).toEqual(['2027-06-14 20:55'])
    expect(plan(at('2027-06-15', '00:00'), longBefore, [1], quiet, neverOpen)).toEqual(['2027-06-14 20:55'])
  })

  it('sends nothing twice when two lead times move to the same closing time', () => {
    expect(plan(at('2027-06-15', '09:00'), longBefore, [12, 10])).toEqual(['2027-06-14 18:00'])
  })

  it('sends at night when there are no quiet hours', () => {
    expect(plan(at('2027-06-15', '09:00'), longBefore, [12], null)).toEqual(['2027-06-14 21:00'])
  })
})

describe('planReminders: on the five-minute cron’s grid', () => {
  it('plans each reminder at a run of the cron, the one at or before its time', () => {
    // 26 hours before 15:32 is 13:32; the cron runs at 13:30 and 13:35.
    const [reminder] = planReminders({
      start: at('2027-06-16', '15:32'),
      now: longBefore,
      policy: { reminderHours: [26], quietHours: quiet },
      config: practice,
    })
    expect(reminder!.toISOString()).toBe(at('2027-06-15', '13:30').toISOString())
    expect(reminder!.getTime() % (5 * 60_000)).toBe(0)
  })

  it('takes the run after when the one before is still quiet', () => {
    // Quiet until 08:02: 2 hours before 10:02 is 08:02; the 08:00 run is quiet, the 08:05 one is not.
    expect(plan(at('2027-06-16', '10:02'), longBefore, [2], { from: '21:00', to: '08:02' })).toEqual(['2027-06-16 08:05'])
  })

  it('holds a late reminder whose next cron run falls in the quiet hours until they end', () => {
    // Confirmed at 20:57 for tomorrow 10:00: the next run, 21:00, is quiet.
    expect(plan(at('2027-06-16', '10:00'), at('2027-06-15', '20:57'), [24])).toEqual(['2027-06-16 08:00'])
  })
})

describe('planReminders: the one-third rule and the past', () => {
  it('plans none for a lead time confirmed less than a third of it before the start', () => {
    const start = at('2027-06-16', '16:00')
    expect(plan(start, at('2027-06-16', '08:01'), [24])).toEqual([])
    expect(plan(start, at('2027-06-16', '08:01'), [24, 2])).toEqual(['2027-06-16 14:00'])
  })

  it('sends a reminder whose time has passed at once, when the rule allows it', () => {
    // Exactly a third of 24 hours ahead: the day-before time is long gone.
    expect(plan(at('2027-06-16', '16:00'), at('2027-06-16', '08:00'), [24])).toEqual(['2027-06-16 08:00'])
  })

  it('holds a late reminder until the quiet hours end, unless the appointment comes first', () => {
    expect(plan(at('2027-06-16', '10:00'), at('2027-06-15', '22:00'), [24])).toEqual(['2027-06-16 08:00'])
    expect(plan(at('2027-06-16', '07:30'), at('2027-06-15', '22:00'), [24])).toEqual(['2027-06-15 22:00'])
  })

  it('moves a reminder out of the quiet hours only as far back as now', () => {
    // Due Wednesday 07:00 (quiet), Tuesday's closing has passed at 19:00: it goes now.
    expect(plan(at('2027-06-16', '09:00'), at('2027-06-15', '19:00'), [2])).toEqual(['2027-06-15 19:00'])
  })
})

describe('planReminders across daylight-saving changes (America/Los_Angeles)', () => {
  it('spring forward: Monday 09:00 PDT is reminded on Sunday at 09:00 and on Saturday at 09:00 PST, 47 hours before', () => {
    // Clocks jumped from 02:00 to 03:00 on Sunday 14 March 2027.
    const start = at('2027-03-15', '09:00')
    const [twoDays, oneDay] = planReminders({ start, now: at('2027-03-01', '12:00'), policy: { reminderHours: [48, 24], quietHours: quiet }, config: practice })
    expect(oneDay!.toISOString()).toBe('2027-03-14T16:00:00.000Z')
    expect(local(oneDay!)).toBe('2027-03-14 09:00')
    expect(twoDays!.toISOString()).toBe('2027-03-13T17:00:00.000Z')
    expect(local(twoDays!)).toBe('2027-03-13 09:00')
    expect(start.getTime() - twoDays!.getTime()).toBe(47 * 3_600_000)
  })

  it('spring forward: 24 hours before Sunday 10:00 PDT is Saturday 10:00 PST, 23 hours earlier', () => {
    const start = at('2027-03-14', '10:00')
    const [reminder] = planReminders({ start, now: at('2027-03-01', '12:00'), policy: { reminderHours: [24], quietHours: quiet }, config: practice })
    expect(local(reminder!)).toBe('2027-03-13 10:00')
    expect(start.getTime() - reminder!.getTime()).toBe(23 * 3_600_000)
  })

  it('fall back: 24 hours before Sunday 10:00 PST is Saturday 10:00 PDT, 25 hours earlier', () => {
    // An appointment agreed outside opening hours: clocks went back at 02:00 that Sunday.
    const start = at('2026-11-01', '10:00')
    const [reminder] = planReminders({ start, now: at('2026-10-01', '12:00'), policy: { reminderHours: [24], quietHours: quiet }, config: practice })
    expect(reminder!.toISOString()).toBe('2026-10-31T17:00:00.000Z')
    expect(local(reminder!)).toBe('2026-10-31 10:00')
    expect(start.getTime() - reminder!.getTime()).toBe(25 * 3_600_000)
  })

  it('two days before a Tuesday across the change keeps the clinic hour too', () => {
    expect(plan(at('2027-03-16', '11:00'), at('2027-03-01', '12:00'), [48])).toEqual(['2027-03-14 11:00'])
  })
})
