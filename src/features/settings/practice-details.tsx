import type { Child } from 'hono/jsx'
import { type PracticeDetails, PracticeProvider } from '../../ui/practice'
import type { Settings } from './sections'
import { describeDays, formatClock, groupWeek } from './week'

/** What every page's frame shows of the practice (header, footer, phone, hours), from the settings a route read for its request. */
function practiceDetails(settings: Settings): PracticeDetails {
  const { clinicName, siteUrl, phone, email, address, weekly, locale } = settings
  return {
    clinicName,
    siteUrl,
    phone,
    email,
    address,
    openingHours: groupWeek(weekly).map((line) => ({
      days: describeDays(line.days),
      ranges: line.ranges.map(({ opens, closes }) => ({ opens, closes, opensText: formatClock(opens, locale), closesText: formatClock(closes, locale) })),
    })),
  }
}

/**
 * `page` with the practice's details from `settings` (the copy its route read
 * for this request) handed to its layout: how a route renders a page.
 *
 * @example return c.html(withPractice(currentSettings(), <AboutPage … />))
 */
export const withPractice = (settings: Settings, page: Child) => <PracticeProvider practice={practiceDetails(settings)}>{page}</PracticeProvider>
