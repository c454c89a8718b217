import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Bundle, collectModules } from './bundle.ts'

/** The floor's id: the goal line of the pre-rendered article is printed beside it. */
export const d1ReadFloorId = 'constant-d1-read'

/**
 * The constant-string Worker with the site's headers that first reads the
 * article's whole row from D1, and answers the same bytes whatever it read: the
 * least any Worker reading D1 on every request can spend. In Miniflare, D1 is
 * simulated inside the same workerd, so its CPU counts here; in production the
 * read is I/O the Worker waits for.
 */
export function writeD1ReadBundle(outdir: string, body: Buffer, headers: Record<string, string>, slug: string): Bundle {
  mkdirSync(outdir, { recursive: true })
  writeFileSync(join(outdir, 'page.html'), body)
  const select = 'select * from "articles" where "articles"."slug" = ?'
  writeFileSync(
    join(outdir, 'd1-read.js'),
    [
      `import body from './page.html'`,
      `const headers = ${JSON.stringify(headers)}`,
      'export default {',
      '  async fetch(request, env) {',
      `    const row = await env.DB.prepare(${JSON.stringify(select)}).bind(${JSON.stringify(slug)}).raw()`,
      `    if (row.length !== 1) return new Response('no article', { status: 500 })`,
      '    return new Response(body, { headers })',
      '  },',
      '}',
      '',
    ].join('\n'),
  )
  return { dir: outdir, modules: collectModules(outdir, 'd1-read.js') }
}
