import { Hono } from 'hono'
import { publicPage } from '../../../platform/cache-control'
import type { AppEnv } from '../../../platform/env'
import { keepPageUntil } from '../../../platform/page-cache'
import { addDays, zonedDate, zonedInstant } from '../../../platform/time-zone'
import { listPublishedArticles, toArticle } from '../../articles'
import { readRetentionPolicy } from '../../inbox'
import { configuredChannels, readNotifySettings } from '../../notifications'
import { currentSettings, withPractice } from '../../settings'
import { AboutPage } from '../views/AboutPage'
import { HomePage } from '../views/HomePage'
import { type NotificationDisclosure, PrivacyPage } from '../views/PrivacyPage'

const latestCount = 3

/**
 * What the privacy notice says about notifications, read from the same settings
 * the request handler and the consumer use. The page is still cacheable: an
 * isolate runs one deployment, whose env does not change under it.
 */
function describeNotifications(env: Env): NotificationDisclosure {
  const channels = configuredChannels(env)
  return {
    email: channels.includes('email'),
    chat: channels.includes('webhook'),
    acknowledgement: channels.includes('patient'),
    healthDetails: readNotifySettings(env).details === 'full',
  }
}

export const pageRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const latest = await listPublishedArticles(c.var.db, latestCount)
    c.header('Cache-Control', publicPage)
    const settings = currentSettings()
    const today = zonedDate(new Date(), settings.timeZone)
    // The time-off notice lists what is still to come today: tomorrow it may drop an entry.
    keepPageUntil(c, zonedInstant(addDays(today, 1), '00:00', settings.timeZone))
    return c.html(withPractice(settings, <HomePage latest={latest.map(toArticle)} today={today} settings={settings} />))
  })
  .get('/about', (c) => {
    c.header('Cache-Control', publicPage)
    const settings = currentSettings()
    return c.html(withPractice(settings, <AboutPage settings={settings} />))
  })
  .get('/privacy', (c) => {
    c.header('Cache-Control', publicPage)
    return c.html(withPractice(currentSettings(), <PrivacyPage retention={readRetentionPolicy(c.env)} notifications={describeNotifications(c.env)} />))
  })
