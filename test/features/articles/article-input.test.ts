import { describe, expect, it } from 'vitest'
import { deriveSlug, readArticleFields, splitTags, validateArticle } from '../../../src/features/articles/article-input'

const description = 'A description long enough to pass the minimum length of fifty characters.'
const fields = (overrides: Record<string, string> = {}) => ({
  title: 'Acupuncture for migraine',
  slug: '',
  description,
  tags: 'migraine, headache',
  body: 'Some text.',
  'ref-0-authors': '',
  'ref-0-title': '',
  'ref-0-source': '',
  'ref-0-doi': '',
  ...overrides,
})
const errorsOf = async (overrides: Record<string, string>) => {
  const result = await validateArticle(readArticleFields(fields(overrides)))
  return result.ok ? {} : result.errors
}

describe('article form input', () => {
  it('accepts a complete article, deriving the slug from the title and skipping a blank reference group', async () => {
    const result = await validateArticle(readArticleFields(fields({ title: 'Crème & Café: Acupuncture 101 ' })))
    expect(result).toEqual({
      ok: true,
      article: {
        title: 'Crème & Café: Acupuncture 101',
        slug: 'creme-cafe-acupuncture-101',
        description,
        tags: ['migraine', 'headache'],
        references: [],
        body: 'Some text.\n',
      },
    })
  })

  it('splits tags on commas, dropping blanks and repeats', () => {
    expect(splitTags(' back pain, ,sciatica,back pain ')).toEqual(['back pain', 'sciatica'])
  })

  it('derives a slug of lower-case words joined by single hyphens', () => {
    expect(deriveSlug('  Neck -- and Shoulder Pain!  ')).toBe('neck-and-shoulder-pain')
  })

  it.each([
    ['title', { title: '' }, 'Enter a title'],
    ['title', { title: 'x'.repeat(121) }, 'The title must be 120 characters or fewer'],
    ['slug', { slug: 'Not A Slug' }, 'Use lower-case letters, digits and single hyphens (at most 80 characters), like acupuncture-for-migraine'],
    ['description', { description: 'Too short.' }, 'The description must be between 50 and 200 characters (it has 10)'],
    ['description', { description: 'x'.repeat(201) }, 'The description must be between 50 and 200 characters (it has 201)'],
    ['tags', { tags: ' , ' }, 'Enter at least one tag; separate tags with commas'],
    ['body', { body: '  \n ' }, 'Write the text of the article'],
    [
      'ref-0-doi',
      { 'ref-0-authors': 'Mu J', 'ref-0-title': 'A title', 'ref-0-source': 'A journal', 'ref-0-doi': 'not-a-doi' },
      'Enter the DOI in the form 10.1000/xyz',
    ],
    ['ref-0-source', { 'ref-0-authors': 'Mu J', 'ref-0-title': 'A title', 'ref-0-doi': '10.1000/xyz' }, 'Enter where the reference was published'],
  ])('reports %s with a message of its own', async (field, overrides, message) => {
    expect(await errorsOf(overrides)).toEqual({ [field]: [message] })
  })

  it('keeps a DOI pasted as its link as the bare DOI', () => {
    const input = readArticleFields(
      fields({ 'ref-0-authors': 'Mu J', 'ref-0-title': 'T', 'ref-0-source': 'S', 'ref-0-doi': 'https://doi.org/10.1002/14651858.CD013814' }),
    )
    expect(input.references).toEqual([{ authors: 'Mu J', title: 'T', source: 'S', doi: '10.1002/14651858.CD013814' }])
  })
})
