import { type NounForms, nounFor } from '../../../platform/count-noun'
import type { ArticleFunnel, Funnel } from '../store/insight-report'

/** The funnel's steps, from reading to visits: a column heading, and the words after a count. */
const funnelSteps: readonly { key: keyof Funnel; label: string; noun: NounForms }[] = [
  { key: 'views', label: 'Views', noun: { one: 'view', other: 'views' } },
  { key: 'readers', label: 'Readers', noun: { one: 'reader', other: 'readers' } },
  { key: 'formOpens', label: 'Form opens', noun: { one: 'form open', other: 'form opens' } },
  { key: 'requests', label: 'Requests', noun: { one: 'request', other: 'requests' } },
  { key: 'direct', label: 'Booked directly', noun: { one: 'booked directly', other: 'booked directly' } },
  { key: 'waitlist', label: 'From the waitlist', noun: { one: 'from the waitlist', other: 'from the waitlist' } },
  { key: 'confirmed', label: 'Confirmed', noun: { one: 'confirmed', other: 'confirmed' } },
  { key: 'attended', label: 'Attended', noun: { one: 'attended', other: 'attended' } },
]

/** The whole site's funnel as one line of steps. */
export const TotalFunnel = ({ total, format, locale }: { total: Funnel; format: (value: number) => string; locale: string }) => (
  <ol aria-label="From reading to visits, all pages">
    {funnelSteps.map((step) => (
      <li>
        <strong>{format(total[step.key])}</strong> {nounFor(total[step.key], step.noun, locale)}
      </li>
    ))}
  </ol>
)

/** One row per article, its funnel across; on a phone each row becomes a card of labelled figures. */
export const FunnelTable = ({ articles, format }: { articles: readonly ArticleFunnel[]; format: (value: number) => string }) => (
  <div class="table-scroll">
    <table class="reflow">
      <caption class="visually-hidden">Each article from reading to visits, most requests first</caption>
      <thead>
        <tr>
          <th scope="col">Article</th>
          {funnelSteps.map((step) => (
            <th scope="col">{step.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {articles.map((article) => (
          <tr>
            <th scope="row">
              <a href={`/articles/${article.slug}`}>{article.title}</a>
            </th>
            {funnelSteps.map((step) => (
              <td data-label={step.label}>{format(article[step.key])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
)
