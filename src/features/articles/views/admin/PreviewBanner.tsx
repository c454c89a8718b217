import type { Child } from 'hono/jsx'
import type { ArticleState } from '../../domain/vocabulary'
import { firstRoundTripBytes } from '../../page-size'
import { articleStateLabels } from './PublishingForms'

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
      Compressed (gzip), this page is {gzipBytes.toLocaleString('en-US')} bytes
      {gzipBytes > firstRoundTripBytes
        ? `: over ${firstRoundTripBytes.toLocaleString('en-US')} bytes, so it no longer fits the first round trip.`
        : `, within the ${firstRoundTripBytes.toLocaleString('en-US')} bytes of the first round trip.`}
    </p>
    {children}
  </div>
)
