import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

/** The `wrangler dev` command at the end of `npm run dev`, to which npm appends anything given after `--`. */
const wranglerDev = () => env.TEST_DEV_SCRIPT.slice(env.TEST_DEV_SCRIPT.lastIndexOf('wrangler dev'))

describe('npm run dev', () => {
  it('takes its port from PORT (8787 unless set) instead of fixing it, so another port is PORT=8793 npm run dev', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell's default-value expansion, as written in package.json
    expect(wranglerDev()).toContain('--port ${PORT:-8787}')
    expect(wranglerDev()).not.toMatch(/--port \d/)
  })

  it('points the links in the emails it writes at that same local port', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell's default-value expansion, as written in package.json
    expect(wranglerDev()).toContain('--var SITE_URL:http://localhost:${PORT:-8787}')
  })
})
