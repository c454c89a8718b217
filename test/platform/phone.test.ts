import { describe, expect, it } from 'vitest'
import { formatPhone, phoneHref, phoneSpellings, readPhone } from '../../src/platform/phone'

describe('readPhone: a typed number for the clinic’s country, kept in E.164', () => {
  it.each([
    ['(503) 555-0142', '+15035550142'],
    ['503.555.0142', '+15035550142'],
    ['503 555 0142', '+15035550142'],
    ['1 503 555 0142', '+15035550142'],
    ['+1 (503) 555-0142', '+15035550142'],
    ['  +1-503-555-0142  ', '+15035550142'],
    ['503-555-0142 ext. 12', '+15035550142;ext=12'],
    ['503 555 0142 x7', '+15035550142;ext=7'],
    ['+44 20 7946 0958', '+442079460958'],
    ['011 44 20 7946 0958', '+442079460958'],
  ])('US clinic: %j is stored as %s', (typed, stored) => {
    expect(readPhone(typed, 'US')).toEqual({ ok: true, stored })
  })

  it('reads a number without + for the clinic’s own country: a UK clinic reads 020 as London', () => {
    expect(readPhone('020 7946 0958', 'GB')).toEqual({ ok: true, stored: '+442079460958' })
    expect(readPhone('020 7946 0958', 'US')).toEqual({ ok: false, problem: 'too-long' })
  })

  it.each([
    ['555', 'too-short'],
    ['503 555 01', 'too-short'],
    ['503 555 0142 999', 'too-long'],
    ['call me', 'not-a-number'],
    ['503 555 O142', 'not-a-number'],
    ['', 'not-a-number'],
    // A possible length, but no such area code and an exchange cannot start with 0: nobody can be called there.
    ['555 010 0199', 'not-callable'],
    ['+1 555 010 0199', 'not-callable'],
  ])('US clinic: %j is refused (%s)', (typed, problem) => {
    expect(readPhone(typed, 'US')).toEqual({ ok: false, problem })
  })

  it('a clinic country the metadata does not know reads only numbers with + and a country code', () => {
    expect(readPhone('+1 503 555 0142', 'ZZ')).toEqual({ ok: true, stored: '+15035550142' })
    expect(readPhone('503 555 0142', 'ZZ')).toEqual({ ok: false, problem: 'not-a-number' })
  })
})

describe('formatPhone: a stored number as the clinic reads it', () => {
  it.each([
    ['+15035550142', 'US', '(503) 555-0142'],
    ['+15035550142;ext=12', 'US', '(503) 555-0142 ext. 12'],
    ['+442079460958', 'US', '+44 20 7946 0958'],
    ['+442079460958', 'GB', '020 7946 0958'],
    ['+15035550142', 'GB', '+1 503 555 0142'],
    // Canada shares +1 but is another country: international.
    ['+14165550123', 'US', '+1 416 555 0123'],
  ])('%s for a %s clinic reads %j', (stored, country, shown) => {
    expect(formatPhone(stored, country)).toBe(shown)
  })

  it('a value stored before numbers were kept in E.164 is shown as stored', () => {
    expect(formatPhone('5550100142', 'US')).toBe('5550100142')
    expect(formatPhone('(555) 010-0142', 'US')).toBe('(555) 010-0142')
  })
})

describe('phoneHref', () => {
  it('is the tel: address of the stored number, its extension as RFC 3966 writes it', () => {
    expect(phoneHref('+15035550142')).toBe('tel:+15035550142')
    expect(phoneHref('+15035550142;ext=12')).toBe('tel:+15035550142;ext=12')
  })

  it('keeps the + and the digits of a value stored as typed', () => {
    expect(phoneHref('(555) 010-0142')).toBe('tel:5550100142')
  })
})

describe('phoneSpellings: every way a stored number may be quoted back', () => {
  it('an E.164 number: as stored, national, international and their digits, longest first', () => {
    expect(phoneSpellings('+15035550142')).toEqual(['+1 503 555 0142', '(503) 555-0142', '+15035550142', '15035550142', '5035550142'])
  })

  it('a value stored as typed: itself and its digits', () => {
    expect(phoneSpellings('555-0142')).toEqual(['555-0142', '5550142'])
  })
})
