import { Hono } from 'hono'
import { articles } from '../content/articles'
import type { AppEnv } from '../env'
import { publicPage } from '../lib/cache-control'
import { retention } from '../config'
import { AboutPage } from '../views/pages/AboutPage'
import { HomePage } from '../views/pages/HomePage'
import { PrivacyPage } from '../views/pages/PrivacyPage'
import { ContactDetailsPage } from '../views/pages/StatusPage'

const latestCount = 3

export const pageRoutes = new Hono<AppEnv>()
  .get('/', (c) => {
    c.header('Cache-Control', publicPage)
    return c.html(<HomePage latest={articles.slice(0, latestCount)} />)
  })
  .get('/about', (c) => {
    c.header('Cache-Control', publicPage)
    return c.html(<AboutPage />)
  })
  .get('/privacy', (c) => {
    c.header('Cache-Control', publicPage)
    return c.html(<PrivacyPage retention={retention} />)
  })
  // Until online requests open, both pages point patients to phone and email.
  .get('/contact', (c) => c.html(<ContactDetailsPage title="Contact us" path="/contact" />))
  .get('/book', (c) => c.html(<ContactDetailsPage title="Request an appointment" path="/book" />))
