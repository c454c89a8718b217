import type { Db } from '../../platform/database'
import { type Settings, sectionSchemas } from './sections'
import { listWeekChangesSince } from './store/settings'

/** The practice's week: its zone, opening hours and time off. */
export type Week = Pick<Settings, 'timeZone' | 'weekly' | 'timeOff'>

/**
 * The week as it stood at any instant from `since` on: each later change of
 * the hours or the time off holds its value before it; with no such change
 * (or no `since`), the week as it stands in `settings`.
 */
export async function loadWeekHistory(db: Db, since: Date | undefined, settings: Settings): Promise<(at: number) => Week> {
  const changes = since ? await listWeekChangesSince(db, since) : []
  return (at) => {
    const next = (section: 'hours' | 'time-off') => changes.find((change) => change.section === section && change.createdAt.getTime() > at)
    const hours = sectionSchemas.hours.safeParse(next('hours')?.before)
    const timeOff = sectionSchemas['time-off'].safeParse(next('time-off')?.before)
    return {
      timeZone: settings.timeZone,
      weekly: hours.success ? hours.data.weekly : settings.weekly,
      timeOff: timeOff.success ? timeOff.data.entries : settings.timeOff,
    }
  }
}
