import { describe, expect, it } from 'vitest'
import { sourceCandidate } from '../../../../src/features/bookings/domain/source-article'

const site = 'https://clinic.example.com'
const form = `${site}/book`

describe('the article a form was sent from', () => {
  it('is the hidden field of a form shown again, before any Referer', () => {
    expect(sourceCandidate({ sourceArticle: 'sleep-and-pain' }, `${site}/book?from=other-article`, form)).toBe('sleep-and-pain')
  })

  it('is the `from` of the form’s own address, or the article page it was opened from', () => {
    expect(sourceCandidate({}, `${site}/book?from=sleep-and-pain`, form)).toBe('sleep-and-pain')
    expect(sourceCandidate({}, `${site}/articles/sleep-and-pain`, form)).toBe('sleep-and-pain')
    expect(sourceCandidate({}, `${site}/articles/sleep-and-pain?utm=x#top`, `${site}/contact`)).toBe('sleep-and-pain')
  })

  it('is nothing for another site, another page, or a value not shaped like a slug', () => {
    expect(sourceCandidate({}, 'https://elsewhere.example/articles/sleep-and-pain', form)).toBeUndefined()
    expect(sourceCandidate({}, 'https://elsewhere.example/book?from=sleep-and-pain', form)).toBeUndefined()
    expect(sourceCandidate({}, `${site}/contact?from=sleep-and-pain`, form)).toBeUndefined()
    expect(sourceCandidate({}, `${site}/articles`, form)).toBeUndefined()
    expect(sourceCandidate({}, `${site}/articles/sleep/extra`, form)).toBeUndefined()
    expect(sourceCandidate({}, `${site}/book?from=${encodeURIComponent('<b>Free text</b>')}`, form)).toBeUndefined()
    expect(sourceCandidate({ sourceArticle: 'Not A Slug' }, undefined, form)).toBeUndefined()
    expect(sourceCandidate({ sourceArticle: 'a'.repeat(121) }, undefined, form)).toBeUndefined()
    expect(sourceCandidate({ sourceArticle: ['sleep'] }, 'not a url', form)).toBeUndefined()
    expect(sourceCandidate({}, undefined, form)).toBeUndefined()
  })
})
