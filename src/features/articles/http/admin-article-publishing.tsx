import { type Context, Hono } from 'hono'
import type { Db } from '../../../platform/database'
import { displayValues, readFields } from '../../../platform/form-body'
import { Refusal } from '../../../platform/refusal'
import { zonedDate, zonedTime } from '../../../platform/time-zone'
import type { AdminEnv } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { publishArticle } from '../publication'
import { readScheduleTime } from '../schedule-time'
import { type ArticleTransition, applyArticleChange, articleTransitions, findArticleById } from '../store/article-publishing'
import type { ArticleRow } from '../store/schema'
import { articleStateLabels, type PublishingFlash } from '../views/admin/PublishingForms'
import { SchedulePage } from '../views/admin/SchedulePage'

/** How a refusal names each action: "… so it cannot be published." */
const actionWords = { publish: 'published', schedule: 'scheduled', unpublish: 'unpublished', archive: 'archived' } as const

type Action = keyof typeof actionWords

/**
 * The article and the form's fields, once the form names the revision its page
 * showed and the article is still at it, in a state the action may start from.
 */
async function readArticle(c: Context<AdminEnv>, action: Action): Promise<{ db: Db; article: ArticleRow; fields: Record<string, string> }> {
  const db = c.var.db
  const article = await findArticleById(db, c.req.param('id') ?? '')
  if (!article) throw new Refusal(404, 'Article not found', 'There is no article with that address.')
  const fields = displayValues(await readFields(c))
  const shown = Number(fields.revision ?? Number.NaN)
  if (!Number.isInteger(shown))
    throw new Refusal(400, 'Could not read the form', 'The form is missing the revision it was opened on. Reload the list of articles and try again.')
  if (shown !== article.revision) {
    throw new Refusal(
      409,
      'Changed meanwhile',
      `This article was changed after this page was opened (it is now at revision ${article.revision}, “${articleStateLabels[article.state]}”), so it was not ${actionWords[action]}. Open it again to see its current text before you ${action} it.`,
    )
  }
  const transition: ArticleTransition = articleTransitions[action]
  if (!transition.from.includes(article.state)) {
    throw new Refusal(
      409,
      'Not possible now',
      `This article is now “${articleStateLabels[article.state]}”, so it cannot be ${actionWords[action]}. Reload the list of articles to see where it stands.`,
    )
  }
  return { db, article, fields }
}

/** Answers a written change with the list; a guarded write that matched nothing is a 409. */
async function settle(c: Context<AdminEnv>, written: boolean, done: PublishingFlash) {
  if (!written) {
    throw new Refusal(
      409,
      'Changed meanwhile',
      'This article was changed meanwhile (in another tab or by the scheduler), so nothing was saved. Reload the list of articles to see where it stands.',
    )
  }
  return c.redirect(`/admin/articles?done=${done}`, 303)
}

/** Publish now, schedule, unpublish and archive: each a guarded change with a revision row. */
export const articlePublishingRoutes = new Hono<AdminEnv>()
  .post('/:id/publish', async (c) => {
    const { db, article } = await readArticle(c, 'publish')
    return settle(c, await publishArticle(db, article, { author: c.get('admin'), now: new Date() }), 'published')
  })
  .post('/:id/schedule', async (c) => {
    const { db, article, fields } = await readArticle(c, 'schedule')
    const values = { date: (fields.date ?? '').trim(), time: (fields.time ?? '').trim() }
    const now = new Date()
    const read = readScheduleTime(values, now, currentSettings().timeZone)
    if ('error' in read)
      return c.html(
        withPractice(
          currentSettings(),
          <SchedulePage article={article} csrfToken={c.get('csrfToken')} timeZone={currentSettings().timeZone} values={values} error={read.error} />,
        ),
        422,
      )
    const when = `${zonedDate(read.instant, currentSettings().timeZone)} ${zonedTime(read.instant, currentSettings().timeZone)} (${currentSettings().timeZone})`
    const change = {
      article,
      transition: articleTransitions.schedule,
      author: c.get('admin'),
      now,
      action: `scheduled for ${when}`,
      set: { publishAt: read.instant },
    }
    return settle(c, await applyArticleChange(db, change), 'scheduled')
  })
  .post('/:id/unpublish', async (c) => {
    const { db, article } = await readArticle(c, 'unpublish')
    const change = { article, transition: articleTransitions.unpublish, author: c.get('admin'), now: new Date(), set: { publishAt: null } }
    return settle(c, await applyArticleChange(db, change), 'unpublished')
  })
  .post('/:id/archive', async (c) => {
    const { db, article } = await readArticle(c, 'archive')
    const change = { article, transition: articleTransitions.archive, author: c.get('admin'), now: new Date(), set: { publishAt: null } }
    return settle(c, await applyArticleChange(db, change), 'archived')
  })
