import { countNoun } from '../../../platform/count-noun'
import { AdminLayout } from '../../../ui/AdminLayout'
import { heardFromLabels } from '../../bookings'
import type { InsightReport } from '../store/insight-report'
import { FunnelTable, TotalFunnel } from './FunnelTable'
import { WeeklyChart } from './WeeklyChart'

const viewNoun = { one: 'view', other: 'views' }

const Sources = ({ report, format, locale }: { report: InsightReport; format: (value: number) => string; locale: string }) => (
  <>
    <h2>How patients heard of the clinic</h2>
    {report.heardFrom.length === 0 ? (
      <p>No request has answered “How did you hear about us?” in these weeks.</p>
    ) : (
      <ul>
        {report.heardFrom.map((row) => (
          <li>
            {heardFromLabels[row.choice]}: {format(row.requests)}
          </li>
        ))}
      </ul>
    )}
    <h2>Sites that sent readers</h2>
    {report.referrers.length === 0 ? (
      <p>No other site sent readers in these weeks.</p>
    ) : (
      <ul>
        {report.referrers.map((row) => (
          <li>
            {row.host}: {countNoun(row.views, viewNoun, locale)}
          </li>
        ))}
      </ul>
    )}
  </>
)

/**
 * The last twelve weeks from reading to visits, counted on the clinic's own
 * server: in total, per article (most requests first), and week by week as
 * charts, each followed by its table. Numbers in the clinic's `locale`.
 */
export const InsightPage = ({ report, locale, csrfToken }: { report: InsightReport; locale: string; csrfToken: string }) => {
  const format = new Intl.NumberFormat(locale).format
  const firstDay = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${report.weeks[0]!.start}T00:00:00Z`))
  const nothingYet = report.total.views === 0 && report.total.requests + report.total.direct + report.total.waitlist === 0
  return (
    <AdminLayout title="Insight" path="/admin/insight" csrfToken={csrfToken}>
      <h1>Insight</h1>
      <p>
        The last {report.weeks.length} weeks, from the week of <time datetime={report.weeks[0]!.start}>{firstDay}</time>, counted on this site’s own server with
        no cookie. Readers are distinct readers of a page on a day, added up over days and pages.
      </p>
      {nothingYet ? (
        <p>Nothing has been counted in these weeks yet: views and requests appear here once readers open the site’s pages.</p>
      ) : (
        <>
          <h2>From reading to visits</h2>
          <TotalFunnel total={report.total} format={format} locale={locale} />
          <h2>Per article</h2>
          {report.articles.length === 0 ? (
            <p>No article has been read or brought a request in these weeks.</p>
          ) : (
            <FunnelTable articles={report.articles} format={format} />
          )}
          <WeeklyChart
            id="views-chart"
            title="Views per week"
            unit={viewNoun}
            weeks={report.weeks.map((week) => ({ start: week.start, value: week.views }))}
            locale={locale}
          />
          <WeeklyChart
            id="requests-chart"
            title="Requests per week"
            unit={{ one: 'request', other: 'requests' }}
            weeks={report.weeks.map((week) => ({ start: week.start, value: week.requests }))}
            locale={locale}
          />
          <Sources report={report} format={format} locale={locale} />
        </>
      )}
    </AdminLayout>
  )
}
