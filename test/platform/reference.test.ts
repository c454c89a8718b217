import { describe, expect, it } from 'vitest'
import { newReference, referencePattern } from '../../src/platform/reference'

/** No O/0, I/1 or L: nothing that reads two ways over the phone. */
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** A byte source that hands out `bytes` in order, then zeros. */
function bytesFrom(bytes: number[]) {
  let next = 0
  return (count: number) => Uint8Array.from({ length: count }, () => bytes[next++] ?? 0)
}

describe('newReference', () => {
  it('is 8 characters from the alphabet', () => {
    for (let draw = 0; draw < 1_000; draw++) expect(newReference()).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/)
    expect(referencePattern.test('K7Q2XMAB')).toBe(true)
    expect(referencePattern.test('K7Q2XMA0')).toBe(false)
  })

  it('maps each byte to its character modulo 31, keeping bytes up to 247 and drawing again from 248', () => {
    // 248 = 8 × 31 is where a ninth, partial round of the alphabet would begin, favouring A to H.
    // 0, 31, 62 and 217 are A (the first character); 30, 61, 216 and 247 are 9 (the last); 248, 249 and 255 are skipped.
    const source = bytesFrom([248, 255, 0, 30, 31, 247, 249, 61, 62, 216, 217])
    expect(newReference(source)).toBe('A9A99A9A')
  })

  it('draws every character equally often, within a bound a fair draw stays inside', () => {
    const draws = 50_000
    const counts = new Map<string, number>()
    for (let draw = 0; draw < draws; draw++) for (const character of newReference()) counts.set(character, (counts.get(character) ?? 0) + 1)
    expect([...counts.keys()].sort().join('')).toBe([...alphabet].sort().join(''))
    // Each count is binomial(400,000, 1/31): mean 12,903, standard deviation 112. A fair draw strays six
    // deviations (671) for any of the 31 characters less than once in ten million runs; keeping bytes
    // 248 to 255 would put A to H about 1,160 high.
    const n = draws * 8
    const mean = n / 31
    const bound = 6 * Math.sqrt(n * (1 / 31) * (30 / 31))
    for (const [character, count] of counts) expect(Math.abs(count - mean), character).toBeLessThan(bound)
  })
})
