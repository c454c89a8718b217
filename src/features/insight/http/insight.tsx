import { Hono } from 'hono'
import type { AdminEnv } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { readInsightReport } from '../store/insight-report'
import { InsightPage } from '../views/InsightPage'

/** What the articles bring: twelve weeks from reading to visits. A GET that only reads. */
export const insightRoutes = new Hono<AdminEnv>().get('/', async (c) => {
  const { timeZone, locale } = currentSettings()
  const report = await readInsightReport(c.var.db, { now: new Date(), timeZone })
  return c.html(withPractice(currentSettings(), <InsightPage report={report} locale={locale} csrfToken={c.get('csrfToken')} />))
})
