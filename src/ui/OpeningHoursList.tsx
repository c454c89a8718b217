import { currentSettings, describeDays, formatClock, groupWeek } from '../features/settings'

/** The week's opening hours, days sharing their ranges on one line, on the clinic's clock. */
export const OpeningHoursList = () => {
  const { weekly, locale } = currentSettings()
  return (
    <ul class="hours">
      {groupWeek(weekly).map((line) => (
        <li>
          {describeDays(line.days)}:{' '}
          {line.ranges.map((range, index) => (
            <>
              {index > 0 ? ', ' : ''}
              <time datetime={range.opens}>{formatClock(range.opens, locale)}</time> to <time datetime={range.closes}>{formatClock(range.closes, locale)}</time>
            </>
          ))}
        </li>
      ))}
    </ul>
  )
}
