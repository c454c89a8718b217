import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'

/** One row of a table of facts: a label and its value, already made single-line (or multi-line) and bounded. */
interface EmailFact {
  label: string
  value: string
  href?: string
  /** Keeps the value's line breaks. */
  multiline?: boolean
}

/** One part of an email's body, in reading order. */
export type EmailBlock =
  /** Plain words; a line break inside stays a line break. */
  | { paragraph: string }
  | { facts: EmailFact[] }
  /** Items, each optionally a link. */
  | { list: { text: string; href?: string }[] }
  /** Smaller words: why something is left out, what to do if it was not you. */
  | { note: string }

/** Who the email comes from, as its header and footer name them. */
interface EmailClinic {
  name: string
  /** The street address on one line. */
  address: string
  phone: string
  siteUrl: string
}

export interface EmailLayoutInput {
  clinic: EmailClinic
  /** The document's language (the clinic's locale), e.g. "en-US". */
  lang?: string
  heading: string
  /** What a mail program shows after the subject in its list; the first paragraph when absent. */
  preheader?: string
  blocks: EmailBlock[]
  /** The one main action: choose a time, see your appointment, open the request. */
  button?: { label: string; href: string }
  /** After the body, above the clinic's footer: why the recipient gets this email. */
  footnote?: string
}

/** The two parts of every email the site sends. */
export interface RenderedEmail {
  html: string
  text: string
}

const colors = { text: '#1f2933', muted: '#52606d', line: '#d9e2ec', page: '#f4f5f7', card: '#ffffff', accent: '#1d5b79' }

const font = 'font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif'

// Mail programs that honour <style> switch to dark colours with the reader's system; the rest keep the inline light ones.
const darkStyle = `:root{color-scheme:light dark;supported-color-schemes:light dark}
@media (prefers-color-scheme:dark){.page{background:#111418!important}.card{background:#1b1f24!important;border-color:#323a44!important}.ink{color:#e4e7eb!important}.muted{color:#9aa5b1!important}.ink a,.muted a{color:#8fc7e6!important}}
a.button{color:#ffffff!important}`

const digitsOf = (phone: string) => phone.replace(/[^\d+]/g, '')

function blockHtml(block: EmailBlock): HtmlEscapedString | Promise<HtmlEscapedString> {
  if ('paragraph' in block) return html`<p class="ink" style="margin:0 0 16px;white-space:pre-line">${block.paragraph}</p>`
  if ('note' in block) return html`<p class="muted" style="margin:0 0 16px;font-size:14px;color:${colors.muted}">${block.note}</p>`
  if ('list' in block)
    return html`<ul class="ink" style="margin:0 0 16px;padding-left:20px">${block.list.map(
      (item) => html`<li style="margin:0 0 6px">${item.href ? html`<a href="${item.href}" style="color:${colors.accent}">${item.text}</a>` : item.text}</li>`,
    )}</ul>`
  return html`<table role="presentation" class="ink" cellpadding="0" cellspacing="0" width="100%" style="border-collapse:collapse;margin:0 0 16px">${block.facts.map(
    (fact) =>
      html`<tr><th align="left" valign="top" class="muted" style="padding:6px 12px 6px 0;font-weight:600;color:${colors.muted};white-space:nowrap;width:1%">${fact.label}</th><td valign="top" style="padding:6px 0;word-break:break-word${fact.multiline ? ';white-space:pre-wrap' : ''}">${fact.href ? html`<a href="${fact.href}" style="color:${colors.accent}">${fact.value}</a>` : fact.value}</td></tr>`,
  )}</table>`
}

function blockText(block: EmailBlock): string {
  if ('paragraph' in block) return block.paragraph
  if ('note' in block) return block.note
  if ('list' in block) return block.list.map((item) => (item.href ? `- ${item.text}: ${item.href}` : `- ${item.text}`)).join('\n')
  return block.facts.map((fact) => (fact.multiline ? `${fact.label}:\n  ${fact.value.replace(/\n/g, '\n  ')}` : `${fact.label}: ${fact.value}`)).join('\n')
}

const firstWords = (blocks: EmailBlock[]) => {
  const first = blocks.find((block) => 'paragraph' in block)
  return first && 'paragraph' in first ? first.paragraph.replace(/\s+/g, ' ').slice(0, 140) : ''
}

/**
 * The one layout of every email the site sends: the clinic's name at the top,
 * the heading, the body, one button for the main action, and the clinic's
 * address, phone and site at the bottom. The HTML is what mail programs render
 * alike (tables, inline styles, 600 px wide and fluid below, `color-scheme`
 * for dark mode); the text part is written from the same blocks as text, not
 * stripped from the HTML. Every value is escaped.
 *
 * @example
 * await renderEmail({ clinic, heading: 'Your appointment is confirmed', blocks: [{ paragraph: 'See you then.' }], button: { label: 'See your appointment', href } })
 */
export async function renderEmail(input: EmailLayoutInput): Promise<RenderedEmail> {
  const { clinic, heading, blocks, button, footnote } = input
  const preheader = input.preheader ?? firstWords(blocks)
  const siteHost = URL.canParse(clinic.siteUrl) ? new URL(clinic.siteUrl).host : clinic.siteUrl
  const document = html`<!doctype html>
<html lang="${input.lang ?? 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<meta name="x-apple-disable-message-reformatting">
<title>${heading}</title>
<style>${raw(darkStyle)}</style>
</head>
<body class="page" style="margin:0;padding:0;background:${colors.page};${font}">
<div style="display:none;max-height:0;overflow:hidden;opacity:0">${preheader}</div>
<table role="presentation" class="page" width="100%" cellpadding="0" cellspacing="0" style="background:${colors.page}">
<tr><td align="center" style="padding:24px 12px">
<table role="presentation" class="card" width="600" cellpadding="0" cellspacing="0" style="width:100%;max-width:600px;background:${colors.card};border:1px solid ${colors.line};border-radius:8px">
<tr><td class="ink" style="padding:20px 24px;border-bottom:1px solid ${colors.line};font-size:18px;font-weight:700;color:${colors.accent};${font}">${clinic.name}</td></tr>
<tr><td class="ink" style="padding:24px;font-size:16px;line-height:1.5;color:${colors.text};${font}">
<h1 class="ink" style="margin:0 0 16px;font-size:22px;line-height:1.3;color:${colors.text}">${heading}</h1>
${blocks.map(blockHtml)}
${
  button
    ? html`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 16px"><tr><td style="border-radius:6px;background:${colors.accent}"><a class="button" href="${button.href}" style="display:inline-block;padding:12px 20px;font-size:16px;font-weight:600;color:#ffffff;text-decoration:none;border-radius:6px;${font}">${button.label}</a></td></tr></table>`
    : ''
}
${footnote ? html`<p class="muted" style="margin:16px 0 0;font-size:13px;color:${colors.muted}">${footnote}</p>` : ''}
</td></tr>
<tr><td class="muted" style="padding:16px 24px;border-top:1px solid ${colors.line};font-size:13px;line-height:1.5;color:${colors.muted};${font}">
${clinic.name}<br>${clinic.address}<br><a href="tel:${digitsOf(clinic.phone)}" style="color:${colors.muted}">${clinic.phone}</a> · <a href="${clinic.siteUrl}" style="color:${colors.muted}">${siteHost}</a>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`
  const text = [
    heading,
    '',
    ...blocks.flatMap((block) => [blockText(block), '']),
    ...(button ? [`${button.label}: ${button.href}`, ''] : []),
    ...(footnote ? [footnote, ''] : []),
    '--',
    clinic.name,
    clinic.address,
    clinic.phone,
    clinic.siteUrl,
    '',
  ].join('\n')
  return { html: (await document).toString(), text }
}

/** The clinic as the layout names it, from the notification settings. */
export const emailClinicOf = (settings: { clinicName: string; clinicAddress: string; clinicPhone: string; siteUrl: string }): EmailClinic => ({
  name: settings.clinicName,
  address: settings.clinicAddress,
  phone: settings.clinicPhone,
  siteUrl: settings.siteUrl,
})
