import type { Child } from 'hono/jsx'
import type { ArticleState } from '../../domain/vocabulary'
import { firstRoundTripBytes } from '../../page-size'
import { articleStateLabels } from './PublishingForms'

const bytes = new Intl.NumberFormat('en-US')

/**
 * Above a previewed article: that it is not the public page, its state, and
 * how big the public page is compressed against what fits the first round trip.
 */
export const PreviewBanner = ({ state, gzipBytes, children }: { state: ArticleState; gzipBytes: number; children?: Child }) => (
  <div class="notice" role="note" aria-label="Preview">
    <p>
      <strong>Preview: not published.</strong>{' '}
      {state === 'published'
        ? 'This is the current text of a published article.'
        : `This article is “${articleStateLabels[state]}”: nobody else can see it without a shared link.`}
    </p>
    <p>
      Compressed (gzip), this page is {bytes.format(gzipBytes)} bytes
      {gzipBytes > firstRoundTripBytes
        ? `: over ${bytes.format(firstRoundTripBytes)} bytes, so it no longer fits the first round trip.`
        : `, within the ${bytes.format(firstRoundTripBytes)} bytes of the first round trip.`}
    </p>
    {children}
  </div>
)
