import { Hono } from 'hono'
import { articles } from '../content/articles'
import type { AppEnv } from '../env'
import { publicPage } from '../lib/cache-control'
import { readRetentionPolicy } from '../db/erasure'
import { AboutPage } from '../views/pages/AboutPage'
import { HomePage } from '../views/pages/HomePage'
import { PrivacyPage } from '../views/pages/PrivacyPage'

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
    return c.html(<PrivacyPage retention={readRetentionPolicy(c.env)} />)
  })
