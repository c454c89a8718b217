import { zonedInstant } from '../../platform/time-zone.ts'
import { parseArticleFile } from './article-file.ts'
import type { Frontmatter } from './frontmatter.ts'

/** One Markdown file of src/features/articles/content/, parsed and validated. */
export interface ArticleFile {
  /** The file's name without `.md`: the article's URL slug. */
  slug: string
  frontmatter: Frontmatter
  body: string
  /** Hex SHA-256 of the whole file, to tell a changed file from an imported one. */
  hash: string
}

/**
 * A file of src/features/articles/content/ ready to import: its name gives the slug,
 * its frontmatter is validated (throwing with the file's name), its bytes hashed.
 */
export async function readArticleFile(name: string, source: string): Promise<ArticleFile> {
  const slug = name.replace(/\.md$/, '')
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) throw new Error(`${name}: the file name must be a slug (lowercase words joined by hyphens) ending in .md`)
  const { frontmatter, body } = parseArticleFile(name, source)
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(source))
  const hash = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
  return { slug, frontmatter, body, hash }
}

export interface ImportOptions {
  now: Date
  /** The clinic's time zone: frontmatter dates are its calendar days. */
  timeZone: string
  /** Id for an article inserted by this import. */
  newId?: () => string
}

/** A SQL literal: strings single-quoted with quotes doubled, so no text can end the literal early. */
export function quoteSql(value: string | number | null): string {
  if (value === null) return 'NULL'
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer for SQL: ${value}`)
    return String(value)
  }
  return `'${value.replaceAll("'", "''")}'`
}

const revisionColumns = 'article_id, number, slug, title, description, tags, "references", body, author, action, created_at'

/**
 * The statements that bring D1 in line with one file, safe to run any number
 * of times: a new slug is inserted as published with revision 1; an article
 * last imported from another version of the file gets the file's text as a new
 * revision by "import"; one saved in the inbox (imported_hash null) or an old
 * slug of a renamed one is left alone. The content version moves only when
 * something changed, so an import of unchanged files leaves every page cached.
 * No HTML is rendered here (the renderer needs the images' sizes in D1): an
 * imported text is stored without it, and its first view renders and stores it.
 */
function statementsFor(file: ArticleFile, { now, timeZone, newId = () => crypto.randomUUID() }: ImportOptions): string[] {
  const { frontmatter, body } = file
  const [slug, hash, at] = [quoteSql(file.slug), quoteSql(file.hash), quoteSql(now.getTime())]
  const dayOf = (date: string) => zonedInstant(date, '00:00', timeZone).getTime()
  const text = [frontmatter.title, frontmatter.description, JSON.stringify(frontmatter.tags), JSON.stringify(frontmatter.references), body]
    .map(quoteSql)
    .join(', ')
  const id = quoteSql(newId())
  const fileUpdated = frontmatter.updated ? dayOf(frontmatter.updated) : null
  const isChanged = `EXISTS (SELECT 1 FROM articles WHERE slug = ${slug} AND imported_hash <> ${hash})`
  const isNew = `NOT EXISTS (SELECT 1 FROM articles WHERE slug = ${slug}) AND NOT EXISTS (SELECT 1 FROM article_redirects WHERE from_slug = ${slug})`
  return [
    `INSERT INTO site_state ("key", value, updated_at) SELECT 'content-version', 1, ${at} WHERE (${isNew}) OR ${isChanged} ON CONFLICT ("key") DO UPDATE SET value = value + 1, updated_at = excluded.updated_at`,
    `INSERT INTO article_revisions (${revisionColumns}) SELECT id, revision + 1, slug, ${text}, 'import', 'imported', ${at} FROM articles WHERE slug = ${slug} AND imported_hash <> ${hash}`,
    `UPDATE articles SET title = ${quoteSql(frontmatter.title)}, description = ${quoteSql(frontmatter.description)}, tags = ${quoteSql(JSON.stringify(frontmatter.tags))}, "references" = ${quoteSql(JSON.stringify(frontmatter.references))}, body = ${quoteSql(body)}, revision = revision + 1, updated_at = ${quoteSql(fileUpdated ?? now.getTime())}, changed_at = ${at}, imported_hash = ${hash}, rendered_html = NULL, renderer_version = NULL WHERE slug = ${slug} AND imported_hash <> ${hash}`,
    `INSERT INTO articles (id, slug, title, description, tags, "references", body, state, first_published_at, updated_at, revision, changed_at, imported_hash, created_at) SELECT ${id}, ${slug}, ${text}, 'published', ${quoteSql(dayOf(frontmatter.published))}, ${quoteSql(fileUpdated)}, 1, ${at}, ${hash}, ${at} WHERE NOT EXISTS (SELECT 1 FROM article_redirects WHERE from_slug = ${slug}) ON CONFLICT (slug) DO NOTHING`,
    `INSERT INTO article_revisions (${revisionColumns}) SELECT id, 1, slug, ${text}, 'import', 'published', ${at} FROM articles WHERE id = ${id} AND NOT EXISTS (SELECT 1 FROM article_revisions WHERE article_id = ${id})`,
  ]
}

/**
 * The import of the repository's article files as SQL statements, in order,
 * for `wrangler d1 execute --file` (joined by {@link joinSqlStatements}) or
 * a D1 batch in tests.
 *
 * @example
 * const sql = joinSqlStatements(buildImportStatements(files, { now: new Date(), timeZone: defaultPractice.timeZone }))
 */
export const buildImportStatements = (files: readonly ArticleFile[], options: ImportOptions): string[] => files.flatMap((file) => statementsFor(file, options))

/** Statements as the text of one .sql file. */
export const joinSqlStatements = (statements: readonly string[]): string => statements.map((statement) => `${statement};\n`).join('')
