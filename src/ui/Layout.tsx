import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { absoluteUrl } from '../config'
import { stylesheetHref } from './assets'
import { JsonLd } from './JsonLd'
import { usePractice } from './practice'
import { SiteFooter } from './SiteFooter'
import { SiteHeader } from './SiteHeader'

export interface PageMeta {
  title: string
  description: string
  /** Canonical path of the page, e.g. "/articles". */
  path: string
  ogType?: 'website' | 'article'
  jsonLd?: readonly Record<string, unknown>[]
  noindex?: boolean
}

/**
 * `scripts` lists third-party scripts a page needs (only Turnstile's, on forms
 * that use it); `header` replaces the public site header (the inbox has its own).
 */
export const Layout = ({ meta, scripts = [], header, children }: { meta: PageMeta; scripts?: readonly string[]; header?: Child; children: Child }) => {
  const settings = usePractice()
  const canonical = absoluteUrl(meta.path, settings)
  const fullTitle = meta.path === '/' ? meta.title : `${meta.title} | ${settings.clinicName}`
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{fullTitle}</title>
          <meta name="description" content={meta.description} />
          {meta.noindex ? <meta name="robots" content="noindex" /> : <link rel="canonical" href={canonical} />}
          <link rel="stylesheet" href={stylesheetHref} />
          <link rel="alternate" type="application/atom+xml" title={`${settings.clinicName} articles`} href="/feed.xml" />
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <meta property="og:site_name" content={settings.clinicName} />
          <meta property="og:type" content={meta.ogType ?? 'website'} />
          <meta property="og:title" content={meta.title} />
          <meta property="og:description" content={meta.description} />
          <meta property="og:url" content={canonical} />
          <meta name="twitter:card" content="summary" />
          <meta name="twitter:title" content={meta.title} />
          <meta name="twitter:description" content={meta.description} />
          {meta.jsonLd?.map((data) => (
            <JsonLd data={data} />
          ))}
          {scripts.map((src) => (
            <script src={src} async defer />
          ))}
        </head>
        <body>
          <a class="skip-link" href="#main">
            Skip to main content
          </a>
          {header ?? <SiteHeader path={meta.path} />}
          <main id="main" tabindex={-1}>
            {children}
          </main>
          <SiteFooter />
        </body>
      </html>
    </>
  )
}
