import { describe, expect, it } from 'vitest'
import { neutralizeCell, toCsv } from '../../src/admin/csv'

describe('CSV export', () => {
  it.each(['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralises the formula trigger in %j', (value) => {
    expect(neutralizeCell(value)).toBe(`'${value}`)
  })

  it('leaves ordinary text alone', () => {
    expect(neutralizeCell('Robin Patient')).toBe('Robin Patient')
    expect(neutralizeCell('robin@example.org')).toBe('robin@example.org')
  })

  it('quotes per RFC 4180, with CRLF rows and a UTF-8 byte order mark', () => {
    const csv = toCsv(['name', 'message'], [
      ['Zoë, "Z"', 'line one\nline two'],
      ['=cmd|"/c calc"!A1', null],
    ])
    expect(csv).toBe('\uFEFFname,message\r\n"Zoë, ""Z""","line one\nline two"\r\n"\'=cmd|""/c calc""!A1",\r\n')
  })
})
