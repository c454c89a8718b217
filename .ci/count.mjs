// Sums vitest JSON reports into the last line of .ci/run: `N passed, N failed[, N skipped]`.
// Usage: node .ci/count.mjs unit.json:EXIT [e2e.json:EXIT], EXIT being that run's exit code.
import { readFileSync } from 'node:fs'

/**
 * Counts one vitest JSON report from its files, not its totals: the totals
 * leave out a file that never loaded and call a test that a failed beforeAll
 * kept from running "skipped".
 */
function countReport(report) {
  const counts = { passed: 0, failed: 0, skipped: 0 }
  for (const file of report.testResults ?? []) {
    const fileFailed = file.status === 'failed'
    let failedHere = 0
    for (const { status } of file.assertionResults ?? []) {
      if (status === 'passed') counts.passed += 1
      else if (status === 'todo') counts.skipped += 1
      // 'skipped' or 'pending' (never finished). The report does not say whether a
      // failed hook caused a skip, so in a failed file every test that did not run
      // counts as failed; the suite has no deliberate skips.
      else if (status === 'failed' || fileFailed) failedHere += 1
      else counts.skipped += 1
    }
    // A file that failed with no test to show for it: it did not load, or an
    // afterAll or teardown threw after every test passed.
    if (fileFailed && failedHere === 0) failedHere = 1
    counts.failed += failedHere
  }
  // No files at all, or a failure outside every file (a failed global setup).
  if (report.success === false && counts.failed === 0) counts.failed = 1
  return counts
}

/**
 * Counts a JUnit report, as Node's own test runner writes it (the bundle
 * check, `npm run test:bundle`): each testcase is a test, failed when it holds
 * a failure, skipped when it holds a skipped mark.
 */
function countJunit(xml) {
  const counts = { passed: 0, failed: 0, skipped: 0 }
  for (const [, body = ''] of xml.matchAll(/<testcase\b[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    if (/<failure\b/.test(body)) counts.failed += 1
    else if (/<skipped\b/.test(body)) counts.skipped += 1
    else counts.passed += 1
  }
  return counts
}

/** A report that is missing or cut short means the run itself failed: one failure. */
function readReport(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    console.error(`${path}: ${error.message}`)
    return { success: false, testResults: [] }
  }
}

const total = { passed: 0, failed: 0, skipped: 0 }
for (const argument of process.argv.slice(2)) {
  const [path, exitCode = '0'] = argument.split(':')
  let counts
  if (path.endsWith('.xml')) {
    let xml = ''
    try {
      xml = readFileSync(path, 'utf8')
    } catch (error) {
      console.error(`${path}: ${error.message}`)
    }
    counts = countJunit(xml)
    if (counts.passed + counts.failed + counts.skipped === 0) counts.failed = 1
  } else {
    counts = countReport(readReport(path))
  }
  // vitest's report ignores unhandled errors (a rejection after a test ended), which still fail the run.
  if (exitCode !== '0' && counts.failed === 0) counts.failed = 1
  for (const key of Object.keys(total)) total[key] += counts[key]
}
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`)
