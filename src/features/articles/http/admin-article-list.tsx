import { Hono } from 'hono'
import { readSchedulerRan } from '../../../platform/site-state'
import type { AdminEnv } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { listAllArticles } from '../store/article-publishing'
import { ArticleListPage } from '../views/admin/ArticleListPage'
import { type PublishingFlash, publishingFlashes } from '../views/admin/PublishingForms'

// Own keys only: `in` would also match what every object inherits, such as ?done=constructor.
const isFlash = (value: string | undefined): value is PublishingFlash => value !== undefined && Object.hasOwn(publishingFlashes, value)

/** The practitioner's articles, with the scheduler's last run and any missed schedule. */
export const articleListRoutes = new Hono<AdminEnv>().get('/', async (c) => {
  const db = c.var.db
  const [articles, schedulerRan] = await Promise.all([listAllArticles(db), readSchedulerRan(db)])
  const done = c.req.query('done')
  const settings = currentSettings()
  return c.html(
    withPractice(
      settings,
      <ArticleListPage
        articles={articles}
        now={new Date()}
        schedulerRan={schedulerRan}
        csrfToken={c.get('csrfToken')}
        timeZone={settings.timeZone}
        flash={isFlash(done) ? done : undefined}
      />,
    ),
  )
})
