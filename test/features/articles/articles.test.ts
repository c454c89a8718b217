import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { readingTime, toArticle } from '../../../src/features/articles/article'
import { parseArticleFile } from '../../../src/features/articles/article-file'
import { readArticleFile } from '../../../src/features/articles/import-sql'
import { renderArticleHtml } from '../../../src/features/articles/markdown'
import { findPublishedArticle } from '../../../src/features/articles/store/articles'
import type { ArticleRow } from '../../../src/features/articles/store/schema'
import { createDb } from '../../../src/platform/database'

const validFrontmatter = [
  'title: A title',
  'description: A description long enough to pass the minimum length of fifty characters.',
  'published: 2026-01-02',
  'tags: [back pain]',
]
const file = (lines: string[], body = '\nSome text.\n') => `---\n${lines.join('\n')}\n---\n${body}`

/** A published row as D1 holds it; instants in ms, as stored. */
const row = (overrides: Partial<ArticleRow> = {}): ArticleRow => ({
  id: 'row-id',
  slug: 'a-slug',
  title: 'A title',
  description: 'A description',
  tags: ['back pain'],
  references: [],
  body: 'one two three',
  state: 'published',
  publishAt: null,
  firstPublishedAt: new Date('2026-03-08T07:30:00Z'),
  updatedAt: null,
  revision: 1,
  changedAt: new Date('2026-03-08T07:30:00Z'),
  importedHash: null,
  renderedHtml: null,
  rendererVersion: null,
  createdAt: new Date('2026-03-08T07:30:00Z'),
  ...overrides,
})

describe('article files', () => {
  it('every file in the repository has a slug for a name, valid frontmatter and a body', async () => {
    const names = Object.keys(env.TEST_ARTICLE_FILES)
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) {
      const file = await readArticleFile(name, env.TEST_ARTICLE_FILES[name]!)
      expect(file.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(file.body.trim().length).toBeGreaterThan(0)
      expect(file.hash).toMatch(/^[0-9a-f]{64}$/)
    }
  })

  it('refuses a file whose name is not a slug, naming it', async () => {
    const source = env.TEST_ARTICLE_FILES['low-back-pain-relief-acupuncture.md']!
    await expect(readArticleFile('Back Pain.md', source)).rejects.toThrow(/Back Pain\.md: the file name must be a slug/)
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
})

describe('an article as the pages show it', () => {
  it('shows instants as the clinic’s calendar days', () => {
    // 07:30Z on 8 March is still 7 March in Los Angeles.
    const article = toArticle(row({ updatedAt: new Date('2026-03-10T20:00:00Z') }))
    expect(article).toMatchObject({ published: '2026-03-07', updated: '2026-03-10', modified: '2026-03-10' })
  })

  it('says "updated" only for a later day than the publication', () => {
    const sameDay = toArticle(row({ updatedAt: new Date('2026-03-08T07:45:00Z') }))
    expect(sameDay.updated).toBeUndefined()
    expect(sameDay.modified).toBe('2026-03-07')
    expect(toArticle(row()).updated).toBeUndefined()
  })

  it('counts the reading time of its own words', () => {
    const body = Array.from({ length: 450 }, (_, index) => `word${index}`).join(' ')
    expect(toArticle(row({ body }))).toMatchObject({ wordCount: 450, readingMinutes: 2, markdown: body })
  })
})

describe('the low back pain article, imported into D1', async () => {
  const stored = (await findPublishedArticle(createDb(env.DB), 'low-back-pain-relief-acupuncture'))!
  const article = toArticle(stored)
  const html = renderArticleHtml(article.markdown, new Map())

  it('keeps its publication date', () => {
    expect(article.published).toBe('2026-11-01')
  })

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
    expect(list).toContain(
      '<strong>Disc-related pain:</strong> Pain that comes from issues with the discs between your spine bones, sometimes causing sciatica (pain down the leg).',
    )
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
    expect(article.references.map((reference) => reference.doi)).toEqual(['10.1002/14651858.CD013814', '10.1016/j.jpain.2017.11.005'])
    expect(html).toContain('<a href="#references">below</a>')
  })
})
