import { CORE_SCHEMA, load } from 'js-yaml'
import { type Frontmatter, frontmatterSchema } from './frontmatter.ts'

// Apart from the schema (src/features/articles/frontmatter.ts): only the import script and the tests read
// Markdown files, so the YAML parser never enters the Worker's bundle.

const fence = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/

/**
 * Splits a Markdown file into validated frontmatter and its body.
 * Throws with the file's name and the failing field, so a broken article
 * fails the content tests rather than a page.
 */
export function parseArticleFile(name: string, source: string): { frontmatter: Frontmatter; body: string } {
  const match = fence.exec(source)
  if (!match) throw new Error(`${name}: missing a frontmatter block between --- lines`)
  // CORE_SCHEMA keeps unquoted dates as strings so zod checks their format.
  const raw = load(match[1] ?? '', { schema: CORE_SCHEMA })
  const parsed = frontmatterSchema.safeParse(raw)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    throw new Error(`${name}: invalid frontmatter: ${issues.join('; ')}`)
  }
  const body = source.slice(match[0].length)
  if (body.trim().length === 0) throw new Error(`${name}: the article has no text`)
  if (parsed.data.updated && parsed.data.updated < parsed.data.published) {
    throw new Error(`${name}: updated (${parsed.data.updated}) is before published (${parsed.data.published})`)
  }
  return { frontmatter: parsed.data, body }
}
