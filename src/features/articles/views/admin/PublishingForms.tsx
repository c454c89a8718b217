import { CsrfField } from '../../../../ui/AdminLayout'
import type { ArticleState } from '../../domain/vocabulary'
import type { ArticleRow } from '../../store/schema'

/** The revision the page showed: the action is refused (409) if the article moved on since. */
const RevisionField = ({ article }: { article: ArticleRow }) => <input type="hidden" name="revision" value={String(article.revision)} />

/** The state of an article in the practitioner's words. */
export const articleStateLabels: Record<ArticleState, string> = { draft: 'Draft', scheduled: 'Scheduled', published: 'Published', archived: 'Archived' }

/** What the list says after each action (`?done=`). */
export const publishingFlashes = {
  published: 'Published. The article is live.',
  scheduled: 'Scheduled. The article goes live at the time shown.',
  unpublished: 'Unpublished. The article is a draft again and no longer public.',
  archived: 'Archived. The article’s address now says it is gone.',
} as const

export type PublishingFlash = keyof typeof publishingFlashes

type Action = 'publish' | 'unpublish' | 'archive'

const buttons: Record<Action, { label: string; from: readonly ArticleState[]; danger?: boolean }> = {
  publish: { label: 'Publish now', from: ['draft', 'scheduled'] },
  unpublish: { label: 'Unpublish', from: ['published', 'scheduled', 'archived'] },
  archive: { label: 'Archive', from: ['draft', 'scheduled', 'published'], danger: true },
}

/** One action as a button posting to /admin/articles/:id/<action>. */
export const ActionButton = ({ article, action, csrfToken }: { article: ArticleRow; action: Action; csrfToken: string }) => (
  <form method="post" action={`/admin/articles/${article.id}/${action}`} class="inline">
    <CsrfField token={csrfToken} />
    <RevisionField article={article} />
    <button type="submit" class={buttons[action].danger ? 'button danger' : 'button'}>
      {buttons[action].label}
      <span class="visually-hidden">: {article.title}</span>
    </button>
  </form>
)

/** The buttons the article's state allows, in the order publish, unpublish, archive. */
export const ActionButtons = ({ article, csrfToken }: { article: ArticleRow; csrfToken: string }) => (
  <>
    {(Object.keys(buttons) as Action[])
      .filter((action) => buttons[action].from.includes(article.state))
      .map((action) => (
        <ActionButton article={article} action={action} csrfToken={csrfToken} />
      ))}
  </>
)

export interface ScheduleInput {
  date: string
  time: string
}

/** A date and a time on the clinic's wall clock (`timeZone`); `error` and `values` when it comes back refused. */
export const ScheduleForm = ({
  article,
  csrfToken,
  timeZone,
  values,
  error,
}: {
  article: ArticleRow
  csrfToken: string
  timeZone: string
  values?: ScheduleInput
  error?: string
}) => {
  const id = `schedule-${article.id}`
  return (
    <form method="post" action={`/admin/articles/${article.id}/schedule`}>
      <CsrfField token={csrfToken} />
      <RevisionField article={article} />
      {error ? (
        <div class="error-summary" role="alert">
          <p id={`${id}-error`}>{error}</p>
        </div>
      ) : null}
      <div class="field">
        <label for={`${id}-date`}>Date</label>
        <input id={`${id}-date`} name="date" type="date" required value={values?.date} aria-describedby={error ? `${id}-error` : undefined} />
      </div>
      <div class="field">
        <label for={`${id}-time`}>Time ({timeZone})</label>
        <input id={`${id}-time`} name="time" type="time" required value={values?.time} />
      </div>
      <button type="submit" class="button">
        Schedule<span class="visually-hidden">: {article.title}</span>
      </button>
    </form>
  )
}
