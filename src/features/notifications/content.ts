import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { NotifySettings } from './settings'

/** A composed message: the subject is built from fixed words and the reference only, never patient input. */
export interface NotificationContent {
  subject: string
  text: string
  html: string
}

/** The request in the practitioner inbox. */
export const inboxLink = (requestId: string, settings: Pick<NotifySettings, 'siteUrl'>) =>
  new URL(`/admin/requests/${encodeURIComponent(requestId)}`, settings.siteUrl).toString()

/** A minimal HTML email document around an already escaped body. */
export async function renderEmailDocument(title: string, body: HtmlEscapedString | Promise<HtmlEscapedString>): Promise<string> {
  const document = html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:system-ui,sans-serif;line-height:1.5">${await body}</body></html>`
  return (await document).toString()
}
