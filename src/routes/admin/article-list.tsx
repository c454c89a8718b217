import { Hono } from 'hono'
import type { AdminVariables } from '../../admin/auth'
import { listAllArticles } from '../../db/article-publishing'
import { createDb } from '../../db/client'
import { readSchedulerRan } from '../../db/site-state'
import { ArticleListPage } from '../../views/pages/admin/articles/ArticleListPage'
import { publishingFlashes, type PublishingFlash } from '../../views/pages/admin/articles/PublishingForms'

type AdminEnv = { Bindings: Env; Variables: AdminVariables }

// Own keys only: `in` would also match what every object inherits, such as ?done=constructor.
const isFlash = (value: string | undefined): value is PublishingFlash => value !== undefined && Object.hasOwn(publishingFlashes, value)

/** The practitioner's articles, with the scheduler's last run and any missed schedule. */
export const articleListRoutes = new Hono<AdminEnv>().get('/', async (c) => {
  const db = createDb(c.env.DB)
  const [articles, schedulerRan] = await Promise.all([listAllArticles(db), readSchedulerRan(db)])
  const done = c.req.query('done')
  return c.html(<ArticleListPage articles={articles} now={new Date()} schedulerRan={schedulerRan} csrfToken={c.get('csrfToken')} flash={isFlash(done) ? done : undefined} />)
})
