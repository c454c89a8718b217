import { env } from 'cloudflare:workers'
import { Lexer } from 'marked'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderArticleBody } from '../../../src/features/articles/article-html'
import {
  checkArticleMarkdown,
  listImageHashes,
  maxEmphasisRuns,
  maxEmphasisRunsPerParagraph,
  maxNesting,
  renderArticleHtml,
} from '../../../src/features/articles/markdown'
import { createDb } from '../../../src/platform/database'

const hashA = 'a'.repeat(64)
const hashB = 'b'.repeat(64)
const noImages = new Map<string, { width: number; height: number }>()
const render = (markdown: string) => renderArticleHtml(markdown, noImages)

/** True when some tag in the HTML carries the attribute, read as a browser would (quoted values skipped). */
function hasAttribute(html: string, name: string): boolean {
  for (const [, attributes] of html.matchAll(/<[a-z][a-z0-9]*((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/gi)) {
    for (const [, attribute] of attributes!.matchAll(/\s+([^\s=/>]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g)) {
      if (attribute!.toLowerCase() === name) return true
    }
  }
  return false
}

describe('renderArticleHtml', () => {
  it('renders ordinary Markdown as before', () => {
    const html = render('# Title\n\nSome *soft* text with a [page](/about) and `code`.\n\n- one\n- two')
    expect(html).toContain('<h1>Title</h1>')
    expect(html).toContain('<em>soft</em>')
    expect(html).toContain('<a href="/about">page</a>')
    expect(html).toContain('<code>code</code>')
    expect(html).toContain('<li>one</li>')
  })

  it.each([
    ['a script block', '<script>alert(1)</script>', '<script'],
    ['an inline script', 'Text <script>alert(1)</script> more', '<script'],
    ['an iframe block', '<iframe src="https://evil.example"></iframe>', '<iframe'],
    ['an inline iframe', 'See <iframe src="https://evil.example"></iframe>', '<iframe'],
    ['an image with onerror', '<img src=x onerror=alert(1)>', '<img'],
    ['an inline handler', 'Hi <b onclick="alert(1)">there</b>', '<b'],
  ])('shows %s as text, never as markup', (_, markdown, tag) => {
    const html = render(markdown)
    expect(html).not.toContain(tag)
    expect(html).toContain(tag.replace('<', '&lt;'))
    expect(hasAttribute(html, 'onerror')).toBe(false)
    expect(hasAttribute(html, 'onclick')).toBe(false)
  })

  it.each([
    ['plain', '[click](javascript:alert(1))'],
    ['mixed case', '[click](JaVaScRiPt:alert(1))'],
    ['a decimal entity', '[click](&#106;avascript:alert(1))'],
    ['a hex entity', '[click](&#x6A;avascript&#x3A;alert(1))'],
    ['a named colon', '[click](javascript&colon;alert(1))'],
    ['an entity tab inside', '[click](java&#9;script:alert(1))'],
    ['vbscript', '[click](vbscript:msgbox(1))'],
    ['data', '[click](data:text/html;base64,PHNjcmlwdD4=)'],
    ['an autolink', '<javascript:alert(1)>'],
    ['a reference', '[click][x]\n\n[x]: javascript:alert(1)'],
  ])('drops a script link written %s, keeping its text', (_, markdown) => {
    const html = render(markdown)
    expect(html).not.toMatch(/href/i)
    expect(html.toLowerCase().replace(/&#?\w+;/g, '')).not.toMatch(/<a\b/)
    expect(html).toMatch(/click|javascript/)
  })

  it.each([
    ['data', '![a chart](data:image/svg+xml;base64,PHN2Zz4=)'],
    ['javascript', '![a chart](javascript:alert(1))'],
    ['an entity', '![a chart](&#100;ata:image/png;base64,AAAA)'],
  ])('drops an image whose source is %s, keeping its alt text', (_, markdown) => {
    const html = render(markdown)
    expect(html).not.toContain('<img')
    expect(html).toContain('a chart')
  })

  it('marks links to other sites noopener noreferrer, not the site’s own', () => {
    const html = render('[a](https://example.org/x) [b](//example.net) [c](https://clinic.example.com/about) [d](/book) [e](mailto:x@example.org)')
    expect(html).toContain('<a href="https://example.org/x" rel="noopener noreferrer">a</a>')
    expect(html).toContain('<a href="//example.net" rel="noopener noreferrer">b</a>')
    expect(html).toContain('<a href="https://clinic.example.com/about">c</a>')
    expect(html).toContain('<a href="/book">d</a>')
    expect(html).toContain('<a href="mailto:x@example.org">e</a>')
  })

  it('escapes quotes in alt text, titles and targets so nothing breaks out of an attribute', () => {
    const html = render(`![x" onerror="alert(1)](/images/${hashA}.png "t\\" onload=\\"y") [l](/a"onmouseover="z)`)
    expect(hasAttribute(html, 'onerror')).toBe(false)
    expect(hasAttribute(html, 'onload')).toBe(false)
    expect(hasAttribute(html, 'onmouseover')).toBe(false)
    expect(html).toContain('alt="x&quot; onerror=&quot;alert(1)"')
  })

  it('sizes the site’s images from the lookup and loads all but the first lazily', () => {
    const sizes = new Map([
      [hashA, { width: 640, height: 480 }],
      [hashB, { width: 300, height: 200 }],
    ])
    const html = renderArticleHtml(`![First](/images/${hashA}.png)\n\n![Second](/images/${hashB}.webp)\n\n![Third](https://example.org/x.jpg)`, sizes)
    const images = html.match(/<img [^>]*>/g)!
    expect(images).toEqual([
      `<img src="/images/${hashA}.png" alt="First" width="640" height="480">`,
      `<img src="/images/${hashB}.webp" alt="Second" width="300" height="200" loading="lazy" decoding="async">`,
      '<img src="https://example.org/x.jpg" alt="Third" loading="lazy" decoding="async">',
    ])
  })

  it('takes the lookup as a function too, and leaves unknown images unsized', () => {
    const html = renderArticleHtml(`![Known](/images/${hashA}.jpg) ![Unknown](/images/${hashB}.jpg)`, (hash) =>
      hash === hashA ? { width: 12, height: 34 } : undefined,
    )
    expect(html).toContain(`<img src="/images/${hashA}.jpg" alt="Known" width="12" height="34">`)
    expect(html).toContain(`<img src="/images/${hashB}.jpg" alt="Unknown" loading="lazy" decoding="async">`)
  })
})

describe('listImageHashes', () => {
  it('lists the site’s images once each, in order, ignoring links, other sites and malformed names', () => {
    const markdown = [
      `![b](/images/${hashB}.png)`,
      `![a](/images/${hashA}.avif) and again ![a](/images/${hashA}.avif)`,
      `[a link, not an image](/images/${'c'.repeat(64)}.png)`,
      `![elsewhere](https://example.org/images/${'d'.repeat(64)}.png)`,
      `![short](/images/${'e'.repeat(63)}.png) ![gif](/images/${'f'.repeat(64)}.gif)`,
    ].join('\n\n')
    expect(listImageHashes(markdown)).toEqual([hashB, hashA])
  })
})

const nestingProblem = 'Quotes and lists can be nested at most 10 levels deep'
const emphasisProblem =
  'Too many emphasis marks (*, _ or ~): at most 100 in one paragraph and 2,000 in the whole text. Put a backslash before a mark meant literally (\\*)'

describe('texts that would take the renderer down', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('renders quotes and lists nested as deep as the limit, and refuses one level deeper as it reaches it', () => {
    expect(maxNesting).toBe(10)
    expect(render(`${'>'.repeat(10)} deep`).match(/<blockquote>/g)).toHaveLength(10)
    expect(checkArticleMarkdown(`${'>'.repeat(11)} deeper`)).toEqual({ ok: false, problem: nestingProblem })
    const listOf = (levels: number) => Array.from({ length: levels }, (_, level) => `${'  '.repeat(level)}- level ${level + 1}`).join('\n')
    expect(render(listOf(10)).match(/<ul>/g)).toHaveLength(10)
    expect(checkArticleMarkdown(listOf(11))).toEqual({ ok: false, problem: nestingProblem })
    expect(checkArticleMarkdown('> - > - > - > - > - > quote in lists')).toEqual({ ok: false, problem: nestingProblem })
  })

  it('refuses 2,000 quote marks with the limit instead of running out of stack', () => {
    expect(() => render('>'.repeat(2_000))).toThrow(nestingProblem)
    expect(checkArticleMarkdown('>'.repeat(2_000))).toEqual({ ok: false, problem: nestingProblem })
  })

  it('refuses `*a` 50,000 times before marked reads any of it', () => {
    const lex = vi.spyOn(Lexer, 'lex')
    expect(() => render('*a'.repeat(50_000))).toThrow(emphasisProblem)
    expect(checkArticleMarkdown('*a'.repeat(50_000))).toEqual({ ok: false, problem: emphasisProblem })
    expect(lex).not.toHaveBeenCalled()
  })

  it('counts emphasis marks per paragraph and in all, not those escaped', () => {
    expect([maxEmphasisRunsPerParagraph, maxEmphasisRuns]).toEqual([100, 2_000])
    const paragraph = (runs: number) => '*a* '.repeat(runs / 2).trim()
    expect(checkArticleMarkdown(paragraph(100))).toEqual({ ok: true, imageHashes: [] })
    expect(checkArticleMarkdown(`${paragraph(100)} _b`)).toEqual({ ok: false, problem: emphasisProblem })
    expect(checkArticleMarkdown(`${paragraph(100)} \\_b ${'\\*'.repeat(500)}`)).toEqual({ ok: true, imageHashes: [] })
    const paragraphs = (count: number) => Array.from({ length: count }, () => paragraph(100)).join('\n\n')
    expect(checkArticleMarkdown(paragraphs(20))).toEqual({ ok: true, imageHashes: [] })
    expect(checkArticleMarkdown(`${paragraphs(20)}\n\n~`)).toEqual({ ok: false, problem: emphasisProblem })
  })

  it('still lists the images a refused text mentions, so none of them counts as unused', () => {
    expect(listImageHashes(`${'>'.repeat(2_000)} ![A](/images/${hashA}.png)`)).toEqual([hashA])
    expect(listImageHashes(`![B](/images/${hashB}.webp) ${'*a'.repeat(50_000)} /images/${hashA}.png`)).toEqual([hashB, hashA])
  })

  it('reads and renders a text once in the isolate, however often it is shown', async () => {
    const db = createDb(env.DB)
    const text = `Rendered once ${crypto.randomUUID()}: *really*.\n`
    const lex = vi.spyOn(Lexer, 'lex')
    const first = await renderArticleBody(db, text)
    const lexedFirst = lex.mock.calls.length
    expect(lexedFirst).toBeGreaterThan(0)
    expect(await renderArticleBody(db, text)).toEqual(first)
    expect(first).toEqual({ ok: true, html: `<p>${text.trim().replace('*really*', '<em>really</em>')}</p>\n` })
    expect(lex).toHaveBeenCalledTimes(lexedFirst)
    expect(await renderArticleBody(db, '>'.repeat(2_000))).toEqual({ ok: false, problem: nestingProblem })
  })
})
