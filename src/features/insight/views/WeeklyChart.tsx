import { countNoun, type NounForms } from '../../../platform/count-noun'

/** Drawing units: the SVG scales to its column, from a 390 px phone to the desktop width. */
const width = 480
const height = 200
const plotTop = 24
const plotBottom = 172
const slot = width / 12
const barWidth = slot * 0.7

export interface WeeklyValue {
  /** The Monday of the week, YYYY-MM-DD. */
  start: string
  value: number
}

/** "Mar 3": a calendar date, so UTC avoids a day shift. */
const weekLabel = (start: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${start}T00:00:00Z`))

/**
 * A bar per week, server-rendered (no script), named by its <title> for
 * assistive technology and followed by the same figures as a table, which is
 * what a screen reader or a narrow screen reads.
 */
export const WeeklyChart = ({
  id,
  title,
  unit,
  weeks,
  locale,
}: {
  id: string
  title: string
  unit: NounForms
  weeks: readonly WeeklyValue[]
  locale: string
}) => {
  const format = new Intl.NumberFormat(locale).format
  const highest = Math.max(1, ...weeks.map((week) => week.value))
  const barHeight = (value: number) => ((plotBottom - plotTop) * value) / highest
  const heading = unit.other[0]!.toUpperCase() + unit.other.slice(1)
  const labelled = [0, Math.floor((weeks.length - 1) / 2), weeks.length - 1]
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <svg role="img" aria-labelledby={`${id}-title`} viewBox={`0 0 ${width} ${height}`} width="100%">
        <title id={`${id}-title`}>
          {title}, {weekLabel(weeks[0]!.start, locale)} to {weekLabel(weeks[weeks.length - 1]!.start, locale)}: highest {countNoun(highest, unit, locale)} a
          week. The table below has every week.
        </title>
        <text x="0" y="14" font-size="13" fill="currentColor">
          {format(highest)}
        </text>
        <line x1="0" x2={width} y1={plotBottom} y2={plotBottom} stroke="currentColor" />
        {weeks.map((week, index) => (
          <rect
            x={index * slot + (slot - barWidth) / 2}
            y={plotBottom - barHeight(week.value)}
            width={barWidth}
            height={barHeight(week.value)}
            fill="#1f5f4a"
          />
        ))}
        {labelled.map((index) => (
          <text x={index * slot + slot / 2} y={height - 8} font-size="13" text-anchor="middle" fill="currentColor">
            {weekLabel(weeks[index]!.start, locale)}
          </text>
        ))}
      </svg>
      <div class="table-scroll">
        <table class="reflow">
          <caption>{title}, week by week</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">{heading}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr>
                <th scope="row">
                  <time datetime={week.start}>{weekLabel(week.start, locale)}</time>
                </th>
                <td data-label={heading}>{format(week.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
