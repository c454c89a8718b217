import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../src/config'
import { buildImportStatements, quoteSql, readArticleFile } from '../../../src/features/articles/import-sql'
import { articleRedirects, articleRevisions, articles } from '../../../src/features/articles/store/schema'
import { createDb } from '../../../src/platform/database'
import { readContentVersion } from '../../../src/platform/site-state'

const db = createDb(env.DB)

/** An article file as it sits in src/features/articles/content/, with its own slug and text. */
const source = (title: string, body: string, extra: string[] = []) =>
  [
    '---',
    `title: ${title}`,
    'description: A description long enough to pass the minimum length of fifty characters.',
    'published: 2026-03-08',
    'tags: [sciatica]',
    ...extra,
    '---',
    body,
  ].join('\n')

async function importFiles(files: Record<string, string>, now: Date) {
  const parsed = await Promise.all(Object.entries(files).map(([name, text]) => readArticleFile(name, text)))
  const statements = buildImportStatements(parsed, { now, timeZone: practice.timeZone })
  await env.DB.batch(statements.map((statement) => env.DB.prepare(statement)))
}

const stored = async (slug: string) => (await db.select().from(articles).where(eq(articles.slug, slug)))[0]
const revisionsOf = (id: string) => db.select().from(articleRevisions).where(eq(articleRevisions.articleId, id)).orderBy(articleRevisions.number)

describe('the import of the repository’s articles', () => {
  it('inserts a new file as published, dated by its frontmatter, with revision 1 by "import"', async () => {
    const before = await readContentVersion(db)
    await importFiles({ 'import-new.md': source('New article', '\nFirst text.\n') }, new Date('2026-04-01T12:00:00Z'))
    const row = (await stored('import-new'))!
    expect(row).toMatchObject({ title: 'New article', state: 'published', revision: 1, body: '\nFirst text.\n', tags: ['sciatica'] })
    // Midnight of 8 March in Los Angeles.
    expect(row.firstPublishedAt).toEqual(new Date('2026-03-08T08:00:00Z'))
    expect(row.updatedAt).toBeNull()
    expect(row.importedHash).toMatch(/^[0-9a-f]{64}$/)
    expect(await revisionsOf(row.id)).toMatchObject([{ number: 1, author: 'import', action: 'published', body: '\nFirst text.\n' }])
    expect(await readContentVersion(db)).toBe(before + 1)
  })

  it('changes nothing when run again on the same files', async () => {
    const files = { 'import-twice.md': source('Twice', '\nSame text.\n') }
    await importFiles(files, new Date('2026-04-01T12:00:00Z'))
    const first = await stored('import-twice')
    const version = await readContentVersion(db)
    await importFiles(files, new Date('2026-04-02T12:00:00Z'))
    expect(await stored('import-twice')).toEqual(first)
    expect(await revisionsOf(first!.id)).toHaveLength(1)
    expect(await readContentVersion(db)).toBe(version)
  })

  it('never overwrites an article edited in the inbox', async () => {
    await importFiles({ 'import-edited.md': source('Edited', '\nOriginal.\n') }, new Date('2026-04-01T12:00:00Z'))
    // A save in the inbox clears imported_hash.
    await db.update(articles).set({ body: '\nThe practitioner’s edit.\n', importedHash: null }).where(eq(articles.slug, 'import-edited'))
    const version = await readContentVersion(db)
    await importFiles({ 'import-edited.md': source('Edited', '\nChanged in the repository.\n') }, new Date('2026-04-03T12:00:00Z'))
    const row = (await stored('import-edited'))!
    expect(row).toMatchObject({ body: '\nThe practitioner’s edit.\n', revision: 1, importedHash: null })
    expect(await revisionsOf(row.id)).toHaveLength(1)
    expect(await readContentVersion(db)).toBe(version)
  })

  it('gives a changed file’s text to its article as a new revision by "import"', async () => {
    await importFiles({ 'import-changed.md': source('Changed', '\nBefore.\n') }, new Date('2026-04-01T12:00:00Z'))
    const version = await readContentVersion(db)
    const now = new Date('2026-04-05T12:00:00Z')
    await importFiles({ 'import-changed.md': source('Changed again', '\nAfter.\n', ['updated: 2026-04-04']) }, now)
    const row = (await stored('import-changed'))!
    expect(row).toMatchObject({ title: 'Changed again', body: '\nAfter.\n', revision: 2, changedAt: now, state: 'published' })
    expect(row.firstPublishedAt).toEqual(new Date('2026-03-08T08:00:00Z'))
    expect(row.updatedAt).toEqual(new Date('2026-04-04T07:00:00Z'))
    expect((await revisionsOf(row.id)).map(({ number, author, action, body }) => ({ number, author, action, body }))).toEqual([
      { number: 1, author: 'import', action: 'published', body: '\nBefore.\n' },
      { number: 2, author: 'import', action: 'imported', body: '\nAfter.\n' },
    ])
    expect(await readContentVersion(db)).toBe(version + 1)
  })

  it('leaves alone a file named after an old slug of a renamed article', async () => {
    await importFiles({ 'import-renamed.md': source('Renamed', '\nText.\n') }, new Date('2026-04-01T12:00:00Z'))
    const row = (await stored('import-renamed'))!
    await db.batch([
      db.update(articles).set({ slug: 'import-renamed-now', importedHash: null }).where(eq(articles.id, row.id)),
      db.insert(articleRedirects).values({ fromSlug: 'import-renamed', articleId: row.id }),
    ])
    await importFiles({ 'import-renamed.md': source('Renamed', '\nText.\n') }, new Date('2026-04-02T12:00:00Z'))
    expect(await stored('import-renamed')).toBeUndefined()
  })

  it('stores quotes, semicolons and SQL in the text as they are', async () => {
    const body = "\nIt's \"quoted\"; DROP TABLE articles; -- and '' doubled\n"
    await importFiles({ 'import-quotes.md': source("Patients' questions", body) }, new Date('2026-04-01T12:00:00Z'))
    expect(await stored('import-quotes')).toMatchObject({ title: "Patients' questions", body })
  })
})

describe('SQL literals', () => {
  it('quotes strings with doubled single quotes, integers bare and null as NULL', () => {
    expect(quoteSql("it's")).toBe("'it''s'")
    expect(quoteSql(1_700_000_000_000)).toBe('1700000000000')
    expect(quoteSql(null)).toBe('NULL')
  })

  it('refuses a number that is not a safe integer', () => {
    expect(() => quoteSql(1.5)).toThrow(/not an integer/)
    expect(() => quoteSql(Number.NaN)).toThrow(/not an integer/)
  })
})
