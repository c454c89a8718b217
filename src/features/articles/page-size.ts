/**
 * What fits the first round trip of a new connection: TCP's initial window of
 * ten segments is about 14,600 bytes, less the TLS and HTTP framing.
 */
export const firstRoundTripBytes = 14_000

/** The size of a page's HTML gzip-compressed, as a browser would receive it. */
export async function measureGzipSize(html: string): Promise<number> {
  const compressed = new Blob([html]).stream().pipeThrough(new CompressionStream('gzip'))
  return (await new Response(compressed).arrayBuffer()).byteLength
}
