import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseArticleFile } from '../../../src/features/articles/article-file'
import source from '../../../src/features/articles/content/low-back-pain-relief-acupuncture.md'
import { formatArticleFile } from '../../../src/features/articles/export'

describe('article file export', () => {
  it('writes a repository article back byte for byte', () => {
    const { frontmatter, body } = parseArticleFile('low-back-pain-relief-acupuncture.md', source)
    expect(formatArticleFile({ ...frontmatter, body })).toBe(source)
  })

  it('quotes what YAML would read as something else, and reads back the same', () => {
    const article = {
      title: 'true',
      description: '2026-01-02: a description long enough for fifty characters, # not a comment',
      published: '2026-01-02',
      updated: '2026-02-03',
      tags: ['a, b', '[x]', 'plain tag', '12'],
      references: [{ authors: "O'Neil A: et al.", title: '- dash', source: 'J 2018;19(5):455', doi: '10.1000/a#b' }],
      body: 'Text.\n',
    }
    const file = formatArticleFile(article)
    expect(file).toContain('title: "true"\n')
    expect(file).toContain('tags: ["a, b", "[x]", plain tag, "12"]\n')
    const { body, ...frontmatter } = article
    expect(parseArticleFile('x.md', file)).toEqual({ frontmatter, body: `\n${body}` })
  })

  it('reads back every title, tag and reference exactly as written, whatever characters they hold', () => {
    const text = fc
      .string({
        minLength: 1,
        maxLength: 40,
        unit: fc.constantFrom(
          'a',
          'Z',
          '1',
          '0',
          ' ',
          ':',
          '#',
          ',',
          '[',
          ']',
          '{',
          '-',
          '.',
          "'",
          '"',
          '\\',
          '!',
          '&',
          '*',
          '?',
          '|',
          '>',
          '%',
          '@',
          '`',
          '~',
          'é',
          '—',
          'e',
          'x',
          'o',
          'n',
          't',
          'r',
          'u',
        ),
      })
      .filter((value) => value.trim() === value)
    const word = text.filter((value) => value.trim() !== '')
    fc.assert(
      fc.property(word, fc.array(word, { minLength: 1, maxLength: 4 }), word, (title, tags, authors) => {
        const article = {
          title,
          description: 'A description that is long enough to pass the fifty character minimum.',
          published: '2026-01-02',
          tags,
          references: [{ authors, title, source: authors, doi: '10.1000/xyz' }],
          body: 'Text.\n',
        }
        const { body, ...frontmatter } = article
        expect(parseArticleFile('x.md', formatArticleFile(article))).toEqual({ frontmatter, body: `\n${body}` })
      }),
      { numRuns: 400 },
    )
  })
})
