// `npm run articles:import -- --local | --remote [--persist-to <dir>]`: brings D1 in line with
// src/features/articles/content/*.md (new files inserted, changed files revised, inbox edits kept).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultPractice } from '../../../config.ts'
import { buildImportStatements, joinSqlStatements, readArticleFile } from '../import-sql.ts'

const folder = new URL('../content/', import.meta.url)
const wranglerArgs = process.argv.slice(2)
if (!wranglerArgs.includes('--local') && !wranglerArgs.includes('--remote')) {
  console.error('Say where to import: --local (with --persist-to <dir> as the dev server uses) or --remote.')
  process.exit(1)
}

const names = readdirSync(folder)
  .filter((name) => name.endsWith('.md'))
  .sort()
const files = []
for (const name of names) {
  try {
    files.push(await readArticleFile(name, readFileSync(new URL(name, folder), 'utf8')))
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}

const directory = mkdtempSync(join(tmpdir(), 'clinic-articles-'))
const sqlPath = join(directory, 'import.sql')
writeFileSync(sqlPath, joinSqlStatements(buildImportStatements(files, { now: new Date(), timeZone: defaultPractice.timeZone })))
const wrangler = spawnSync('npx', ['wrangler', 'd1', 'execute', 'DB', '--yes', '--file', sqlPath, ...wranglerArgs], { stdio: 'inherit' })
rmSync(directory, { recursive: true, force: true })
if (wrangler.status !== 0) process.exit(wrangler.status ?? 1)
console.log(`Imported ${files.length} article file(s); unchanged ones and articles edited in the inbox were left as they are.`)
