import { describe, expect, it } from 'vitest'
import { foldForSearch, searchKeyOf } from '../../src/platform/search-key'

describe('search folding', () => {
  it.each([
    ['Ørsted', 'orsted'],
    ['ØRSTED', 'orsted'],
    ['Élise', 'elise'],
    ['E\u0301lise', 'elise'],
    ['Ærø', 'aero'],
    ['Œuvre', 'oeuvre'],
    ['Weiß', 'weiss'],
    ['STRAẞE', 'strasse'],
    ['Łódź', 'lodz'],
    ['Đorđe', 'dorde'],
    ['Þórður', 'thordur'],
    ['İstanbul', 'istanbul'],
    ['ﬁona', 'fiona'],
    ['jane.doe+1@example.org', 'jane.doe+1@example.org'],
  ])('folds %j to %j', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded)
  })

  it('keys a request by its name and email', () => {
    expect(searchKeyOf({ name: 'Zoë Ørsted', email: 'zoe@example.org' })).toBe('zoe orsted zoe@example.org')
  })
})
