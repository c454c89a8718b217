import { Hono } from 'hono'
import { createDb } from '../../../platform/database'
import type { AdminVariables } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { readInsightReport } from '../store/insight-report'
import { InsightPage } from '../views/InsightPage'

type AdminEnv = { Bindings: Env; Variables: AdminVariables }

/** What the articles bring: twelve weeks from reading to visits. A GET that only reads. */
export const insightRoutes = new Hono<AdminEnv>().get('/', async (c) => {
  const { timeZone, locale } = currentSettings()
  const report = await readInsightReport(createDb(c.env.DB), { now: new Date(), timeZone })
  return c.html(withPractice(currentSettings(), <InsightPage report={report} locale={locale} csrfToken={c.get('csrfToken')} />))
})
