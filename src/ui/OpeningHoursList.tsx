import { usePractice } from './practice'

/** The week's opening hours, days sharing their ranges on one line, on the clinic's clock. */
export const OpeningHoursList = () => (
  <ul class="hours">
    {usePractice().openingHours.map((line) => (
      <li>
        {line.days}:{' '}
        {line.ranges.map((range, index) => (
          <>
            {index > 0 ? ', ' : ''}
            <time datetime={range.opens}>{range.opensText}</time> to <time datetime={range.closes}>{range.closesText}</time>
          </>
        ))}
      </li>
    ))}
  </ul>
)
