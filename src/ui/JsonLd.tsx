import { raw } from 'hono/html'

/**
 * A JSON-LD data block. `<` is escaped so no value can close the script
 * element; the data comes from the practice's settings and the articles only.
 */
export const JsonLd = ({ data }: { data: Record<string, unknown> }) => (
  <script type="application/ld+json">{raw(JSON.stringify(data).replace(/</g, '\\u003c'))}</script>
)
