import { fullDayName, type Weekday } from '../../config'
import { currentSettings } from '../../settings/current'

const describeDays = (days: readonly Weekday[]): string => {
  const names = days.map(fullDayName)
  return names.length > 1 ? `${names[0]} to ${names[names.length - 1]}` : (names[0] ?? '')
}

export const OpeningHoursList = () => (
  <ul class="hours">
    {currentSettings().openingHours.map((hours) => (
      <li>
        {describeDays(hours.days)}: <time>{hours.opens}</time> to <time>{hours.closes}</time>
      </li>
    ))}
  </ul>
)
