import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** Where global-setup.ts sends the output of `wrangler dev`, which logs each simulated email. */
const serverLog = fileURLToPath(new URL('../../.wrangler/e2e-server.log', import.meta.url))

/**
 * The local send_email binding logs "Subject: …" followed by the path of the
 * text part it wrote; resolves to that text once the subject shows up, or
 * rejects once `deadline` (epoch ms) has passed.
 */
export async function waitForEmail(subject: string, deadline: number): Promise<string> {
  for (;;) {
    const log = readFileSync(serverLog, 'utf8')
    const at = log.indexOf(`Subject: ${subject}`)
    const textPath = at === -1 ? undefined : /^Text: (.+\.txt)$/m.exec(log.slice(at))?.[1]
    if (textPath) return readFileSync(textPath, 'utf8')
    if (Date.now() > deadline) throw new Error(`no email "${subject}" in ${serverLog} by ${new Date(deadline).toISOString()}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
