import { describe, expect, it } from 'vitest'
import { neutralizeCell, streamCsv, toCsvRecord } from '../../../src/features/inbox/csv'

async function* pagesOf<T>(...pages: T[]) {
  yield* pages
}

describe('CSV export', () => {
  it.each(['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])('neutralises the formula trigger in %j', (value) => {
    expect(neutralizeCell(value)).toBe(`'${value}`)
  })

  it('neutralises a formula after a semicolon, where semicolon locales would start a cell', () => {
    expect(neutralizeCell('Ann;=1+1')).toBe("Ann;'=1+1")
    expect(neutralizeCell('=a;@b;c;+d')).toBe("'=a;'@b;c;'+d")
  })

  it('neutralises a formula after leading spaces, at the cell start or after a semicolon', () => {
    expect(neutralizeCell('  =1+1')).toBe("'  =1+1")
    expect(neutralizeCell(' \t@SUM(A1)')).toBe("' \t@SUM(A1)")
    expect(neutralizeCell('Ann; =1+1')).toBe("Ann;' =1+1")
  })

  it('neutralises a formula at the start of every line of a cell, whatever the line break', () => {
    expect(neutralizeCell('hello\n=HYPERLINK("http://evil.example")')).toBe('hello\n\'=HYPERLINK("http://evil.example")')
    expect(neutralizeCell('a\r\n+1\rb\n  -2')).toBe("a\r\n'+1\rb\n'  -2")
    expect(neutralizeCell('a\n\r=b')).toBe("a\n'\r'=b")
    expect(neutralizeCell('a\n  \n@b')).toBe("a\n  \n'@b")
  })

  it('leaves ordinary text alone', () => {
    expect(neutralizeCell('Robin Patient')).toBe('Robin Patient')
    expect(neutralizeCell('robin@example.org')).toBe('robin@example.org')
    expect(neutralizeCell('2030-01-07 morning; 2030-01-08 evening')).toBe('2030-01-07 morning; 2030-01-08 evening')
  })

  it('quotes every field, always, per RFC 4180', () => {
    expect(toCsvRecord(['Ann;=1+1', 'plain', '', null, 'Zoë, "Z"', 'line one\nline two', '=cmd|"/c calc"!A1'])).toBe(
      '"Ann;\'=1+1","plain","","","Zoë, ""Z""","line one\nline two","\'=cmd|""/c calc""!A1"\r\n',
    )
  })

  it('streams a UTF-8 byte order mark and the header first, then each page of records in order', async () => {
    const stream = streamCsv(
      ['name', 'message'],
      pagesOf(
        [['Zoë', 'hi']],
        [
          ['Ann;=1+1', undefined],
          ['Bo', 'x'],
        ],
      ),
    )
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes.slice(3))).toBe('"name","message"\r\n"Zoë","hi"\r\n"Ann;\'=1+1",""\r\n"Bo","x"\r\n')
  })

  it('reads the next page only when the reader asks for more', async () => {
    const read: number[] = []
    async function* counted() {
      for (const page of [1, 2, 3]) {
        read.push(page)
        yield [[String(page)]]
      }
    }
    const reader = streamCsv(['n'], counted()).getReader()
    await reader.read()
    await reader.read()
    expect(read.length).toBeLessThan(3)
    await reader.cancel()
  })
})
