/**
 * Whether an If-None-Match header names `etag` or is `*`. Compared weakly, as
 * RFC 9110 asks for a GET: `W/"x"` matches `"x"`. The exact header first, the
 * page cache's common case, before any splitting.
 */
export const matchesEtag = (header: string | null | undefined, etag: string): boolean =>
  header != null &&
  (header === etag ||
    header.split(',').some((tag) => {
      const name = tag.trim()
      return name === '*' || name.replace(/^W\//, '') === etag
    }))
