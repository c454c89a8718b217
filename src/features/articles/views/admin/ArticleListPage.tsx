import { formatInstant } from '../../../../platform/dates'
import { AdminLayout } from '../../../../ui/AdminLayout'
import type { ArticleRow } from '../../store/schema'
import { ActionButton, ActionButtons, articleStateLabels, type PublishingFlash, publishingFlashes, ScheduleForm } from './PublishingForms'

/** The scheduler runs every five minutes: three missed runs are worth a warning. */
const schedulerLateAfterMs = 15 * 60_000

/** One five-minute interval, plus a minute for the run itself: an article due longer ago than this should be live by now. */
const missedAfterMs = 6 * 60_000

/** A scheduled time that the cron run after it should have published, and the article is still not live. */
const missedSchedule = (article: ArticleRow, now: Date) =>
  article.state === 'scheduled' && article.publishAt !== null && now.getTime() - article.publishAt.getTime() > missedAfterMs

const When = ({ instant }: { instant: Date | null }) => (instant ? <time datetime={instant.toISOString()}>{formatInstant(instant)}</time> : <>—</>)

const checkCron = 'so scheduled articles are not going live. Check the Worker’s cron triggers.'

const SchedulerStatus = ({ ran, now }: { ran: Date | null; now: Date }) => {
  if (!ran) {
    return (
      <div class="notice" role="alert">
        <p>The scheduler has never run, {checkCron}</p>
      </div>
    )
  }
  const lastRan = (
    <>
      The scheduler last ran at <When instant={ran} />.
    </>
  )
  if (now.getTime() - ran.getTime() <= schedulerLateAfterMs) return <p>{lastRan}</p>
  return (
    <div class="notice" role="alert">
      <p>
        {lastRan} It has not run for over 15 minutes, {checkCron}
      </p>
    </div>
  )
}

const ArticleRowView = ({ article, now, csrfToken, timeZone }: { article: ArticleRow; now: Date; csrfToken: string; timeZone: string }) => {
  const missed = missedSchedule(article, now)
  return (
    <tr>
      <th scope="row">
        <a href={`/admin/articles/${article.id}`}>{article.title}</a>
      </th>
      <td data-label="State">
        <span>
          {articleStateLabels[article.state]}
          {missed ? (
            <>
              {' '}
              <span class="badge delivery-failed">missed schedule</span>
            </>
          ) : null}
        </span>
      </td>
      <td data-label="Publish date">
        <When instant={article.state === 'scheduled' ? article.publishAt : article.firstPublishedAt} />
      </td>
      <td data-label="Last change">
        <When instant={article.changedAt} />
      </td>
      <td data-label="Actions">
        <span>
          <a href={`/admin/articles/${article.id}/preview`}>
            Preview<span class="visually-hidden">: {article.title}</span>
          </a>{' '}
          {missed ? <ActionButton article={article} action="publish" csrfToken={csrfToken} /> : <ActionButtons article={article} csrfToken={csrfToken} />}
          {article.state === 'draft' || article.state === 'scheduled' ? (
            <details>
              <summary>
                Schedule<span class="visually-hidden">: {article.title}</span>
              </summary>
              <ScheduleForm article={article} csrfToken={csrfToken} timeZone={timeZone} />
            </details>
          ) : null}
        </span>
      </td>
    </tr>
  )
}

/** Every article with its state and dates on the clinic's clock, the scheduler's last run, and what each article allows. */
export const ArticleListPage = (props: {
  articles: readonly ArticleRow[]
  now: Date
  schedulerRan: Date | null
  csrfToken: string
  /** The clinic's time zone, which scheduled times are entered in. */
  timeZone: string
  flash?: PublishingFlash
}) => (
  <AdminLayout title="Articles" path="/admin/articles" csrfToken={props.csrfToken}>
    <h1>Articles</h1>
    {props.flash ? (
      <div class="notice-ok" role="status">
        <p>{publishingFlashes[props.flash]}</p>
      </div>
    ) : null}
    <p>
      <a class="button" href="/admin/articles/new">
        New article
      </a>
    </p>
    <SchedulerStatus ran={props.schedulerRan} now={props.now} />
    {props.articles.length === 0 ? (
      <p>No articles yet.</p>
    ) : (
      <div class="table-scroll">
        <table class="reflow">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">State</th>
              <th scope="col">Publish date</th>
              <th scope="col">Last change</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {props.articles.map((article) => (
              <ArticleRowView article={article} now={props.now} csrfToken={props.csrfToken} timeZone={props.timeZone} />
            ))}
          </tbody>
        </table>
      </div>
    )}
  </AdminLayout>
)
