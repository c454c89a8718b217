import { describe, expect, it } from 'vitest'
import { diffText, hasChanges } from '../../../src/features/articles/line-diff'

describe('line diff', () => {
  it('marks removed and added lines in reading order, kept lines as same', () => {
    expect(diffText('one\ntwo\nthree\n', 'one\n2\nthree\nfour\n')).toEqual([
      { kind: 'same', text: 'one' },
      { kind: 'removed', text: 'two' },
      { kind: 'added', text: '2' },
      { kind: 'same', text: 'three' },
      { kind: 'added', text: 'four' },
    ])
  })

  it('treats CRLF and LF line endings as the same text', () => {
    const lines = diffText('one\r\ntwo\r\n', 'one\ntwo\n')
    expect(hasChanges(lines)).toBe(false)
    expect(lines).toHaveLength(2)
  })
})
