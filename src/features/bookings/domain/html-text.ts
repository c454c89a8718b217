/** Tags that end a line of text. */
const blockTags = new Set(['address', 'div', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'pre', 'section', 'table', 'tr', 'ul'])

/** Tags whose content is never text a reader sees. */
const hiddenTags = new Set(['head', 'script', 'style', 'title'])

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

const decodeEntities = (text: string) =>
  text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi, (entity, name: string) => {
    if (name[0] !== '#') return named[name.toLowerCase()] ?? entity
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity
  })

/**
 * The text of an HTML-only email as a reader sees it: blocks and `<br>` as
 * line breaks, paragraphs apart, `<blockquote>` as `>` lines (so the quoted
 * history is cut like a text part's), entities decoded, styles and scripts
 * left out. One pass over the input, never a regular expression across tags:
 * a message full of unclosed `<` stays linear.
 *
 * @example htmlAsText('<p>Tuesday suits me.</p><blockquote>Would Tuesday suit?</blockquote>') // 'Tuesday suits me.\n\n> Would Tuesday suit?'
 */
export function htmlAsText(html: string): string {
  const lines: string[] = []
  let line = ''
  let depth = 0
  let hidden = ''
  const flush = (always = false) => {
    const text = decodeEntities(line.replace(/\s+/g, ' ')).trim()
    if (text !== '' || always) lines.push(depth > 0 ? `${'>'.repeat(depth)} ${text}`.trimEnd() : text)
    line = ''
  }
  for (let at = 0; at < html.length; ) {
    const open = html.indexOf('<', at)
    if (open < 0) {
      if (!hidden) line += html.slice(at)
      break
    }
    if (!hidden) line += html.slice(at, open)
    const close = html.indexOf('>', open)
    if (close < 0) {
      if (!hidden) line += html.slice(open)
      break
    }
    at = close + 1
    const tag = /^<\s*(\/?)\s*([a-z][a-z0-9]*)/i.exec(html.slice(open, Math.min(close, open + 40)))
    if (!tag) continue
    const closing = tag[1] === '/'
    const name = tag[2]!.toLowerCase()
    if (hiddenTags.has(name)) hidden = closing ? '' : name
    else if (hidden) continue
    else if (name === 'br') flush(true)
    else if (name === 'p') {
      flush()
      lines.push('')
    } else if (name === 'blockquote') {
      flush()
      depth = Math.max(0, depth + (closing ? -1 : 1))
    } else if (blockTags.has(name)) flush()
  }
  flush()
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
