import { describe, expect, it } from 'vitest'
import { countNoun, nounFor } from '../../src/platform/count-noun'

const view = { one: 'view', other: 'views' }

describe('countNoun', () => {
  it('gives one the singular and every other count the plural, with the number grouped for the locale', () => {
    expect(countNoun(1, view, 'en-US')).toBe('1 view')
    expect(countNoun(0, view, 'en-US')).toBe('0 views')
    expect(countNoun(2, view, 'en-US')).toBe('2 views')
    expect(countNoun(1234, view, 'en-US')).toBe('1,234 views')
    expect(countNoun(1234, view, 'de-DE')).toBe('1.234 views')
  })

  it('follows the locale’s plural rules, not English ones', () => {
    // French counts zero as singular.
    expect(nounFor(0, { one: 'vue', other: 'vues' }, 'fr-FR')).toBe('vue')
    expect(nounFor(0, view, 'en-US')).toBe('views')
  })
})
