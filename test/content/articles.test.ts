import { describe, expect, it } from 'vitest'
import { articles, findArticle, readingTime, renderArticleHtml, sortNewestFirst } from '../../src/content/articles'
import { parseArticleFile } from '../../src/content/frontmatter'

const validFrontmatter = [
  'title: A title',
  'description: A description long enough to pass the minimum length of fifty characters.',
  'published: 2026-01-02',
  'tags: [back pain]',
]
const file = (lines: string[], body = '\nSome text.\n') => `---\n${lines.join('\n')}\n---\n${body}`

describe('article files', () => {
  it('every bundled article has valid frontmatter and a body', () => {
    expect(articles.length).toBeGreaterThan(0)
    for (const article of articles) {
      expect(article.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(article.markdown.trim().length).toBeGreaterThan(0)
      expect(article.readingMinutes).toBeGreaterThanOrEqual(1)
    }
  })

  it('lists articles newest first, those of the same day by slug', () => {
    const made = [
      { slug: 'middle', published: '2026-03-15' },
      { slug: 'oldest', published: '2025-12-31' },
      { slug: 'same-day-b', published: '2026-04-02' },
      { slug: 'newest', published: '2026-11-20' },
      { slug: 'same-day-a', published: '2026-04-02' },
    ]
    expect(sortNewestFirst(made).map((article) => article.slug)).toEqual(['newest', 'same-day-a', 'same-day-b', 'middle', 'oldest'])
    expect(made[0]?.slug).toBe('middle')
    expect(articles).toEqual(sortNewestFirst(articles))
  })

  it.each([
    ['no frontmatter block', 'Just text', /missing a frontmatter block/],
    ['a missing title', file(validFrontmatter.slice(1)), /title/],
    ['a malformed date', file([...validFrontmatter.slice(0, 2), 'published: 2 Jan 2026', validFrontmatter[3]!]), /published/],
    ['no tags', file(validFrontmatter.slice(0, 3)), /tags/],
    ['an empty body', file(validFrontmatter, '\n   \n'), /no text/],
    ['an update before publication', file([...validFrontmatter, 'updated: 2025-12-31']), /before published/],
    [
      'a reference without a DOI',
      file([...validFrontmatter, 'references:', '  - authors: A', '    title: T', '    source: S', '    doi: none']),
      /references\.0\.doi/,
    ],
  ])('rejects a file with %s, naming the file', (_case, source, message) => {
    expect(() => parseArticleFile('broken.md', source)).toThrow(message)
    expect(() => parseArticleFile('broken.md', source)).toThrow(/broken\.md/)
  })

  it.each([
    [0, 1],
    [1, 1],
    [299, 1],
    [300, 2],
    [350, 2],
    [1000, 5],
    [1099, 5],
    [1100, 6],
  ])('gives %i words %i min of reading at 200 words a minute, never under one', (words, minutes) => {
    const separators = [' ', '\n', '  ', '\t', '\n\n']
    const body = Array.from({ length: words }, (_, index) => `word${index}${separators[index % separators.length]}`).join('')
    expect(readingTime(`\n${body}\n`)).toEqual({ wordCount: words, readingMinutes: minutes })
  })

  it('gives each bundled article the reading time of its own words', () => {
    for (const article of articles) {
      const words = article.markdown.match(/\S+/g)?.length ?? 0
      expect(article.wordCount).toBe(words)
      expect(article.readingMinutes).toBe(Math.max(1, Math.round(words / 200)))
    }
  })
})

describe('the low back pain article', () => {
  const article = findArticle('low-back-pain-relief-acupuncture')!
  const html = renderArticleHtml(article)

  it('keeps the practitioner’s title and headings', () => {
    expect(article.title).toBe('Effective Low Back Pain Relief with Acupuncture')
    for (const heading of [
      'The Many Faces of Low Back Pain',
      'My Clinical Experience',
      'The Research',
      'How Acupuncture Works (in Simple Terms)',
      'A Safe, Drug-Free Option',
      'Ready to Get Back to Feeling Good?',
    ]) {
      expect(html).toContain(`<h2>${heading}</h2>`)
    }
    expect(html).toContain('<h3>1. Relaxes Tight Muscles</h3>')
    expect(html).toContain('<h3>5. Calms the Nervous System</h3>')
  })

  it('renders the kinds of back pain as a real list', () => {
    const list = /<ul>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? ''
    expect(list.match(/<li>/g)).toHaveLength(4)
    expect(list).toContain('<strong>Disc-related pain:</strong> Pain that comes from issues with the discs between your spine bones, sometimes causing sciatica (pain down the leg).')
  })

  it('keeps the text word for word', () => {
    for (const passage of [
      'But the good news? Acupuncture offers real relief—and it’s backed by both ancient wisdom and modern research.',
      'With muscle pain acupuncture shines at being one of the most effective therapies with patients seeing a change as soon as they get off the table.',
      'the brain releases its own painkillers called enkephalins to mitigate the experience of pain',
      'Feel free to reach out if you have any questions or want to book a session. Your back will thank you!',
    ]) {
      expect(html).toContain(passage)
    }
  })

  it('cites the two verified reviews by DOI', () => {
    expect(article.references.map((reference) => reference.doi)).toEqual([
      '10.1002/14651858.CD013814',
      '10.1016/j.jpain.2017.11.005',
    ])
    expect(html).toContain('<a href="#references">below</a>')
  })
})
