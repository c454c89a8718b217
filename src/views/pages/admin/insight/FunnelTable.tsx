import type { ArticleFunnel, Funnel } from '../../../../db/insight-report'

/** The funnel's steps, from reading to visits. */
export const funnelSteps: readonly { key: keyof Funnel; label: string }[] = [
  { key: 'views', label: 'Views' },
  { key: 'readers', label: 'Readers' },
  { key: 'formOpens', label: 'Form opens' },
  { key: 'requests', label: 'Requests' },
  { key: 'confirmed', label: 'Confirmed' },
  { key: 'attended', label: 'Attended' },
]

/** The whole site's funnel as one line of steps. */
export const TotalFunnel = ({ total, format }: { total: Funnel; format: (value: number) => string }) => (
  <ol aria-label="From reading to visits, all pages">
    {funnelSteps.map((step) => (
      <li>
        <strong>{format(total[step.key])}</strong> {step.label.toLowerCase()}
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
          {funnelSteps.map((step) => <th scope="col">{step.label}</th>)}
        </tr>
      </thead>
      <tbody>
        {articles.map((article) => (
          <tr>
            <th scope="row"><a href={`/articles/${article.slug}`}>{article.title}</a></th>
            {funnelSteps.map((step) => <td data-label={step.label}>{format(article[step.key])}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
)
