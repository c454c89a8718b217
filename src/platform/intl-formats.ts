/**
 * Date formatters kept for the isolate's life, one per locale and options.
 * Building one costs far more than using it (a clock formatter built on every
 * call took 40% of an article page's rendering), and a formatter never
 * changes once built. Locales come from the clinic's settings and options from
 * the code, so the map stays a handful of entries.
 */
const kept = new Map<string, Intl.DateTimeFormat>()

/** The same formatter as `new Intl.DateTimeFormat(locale, options)`, built once. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${JSON.stringify(options)}`
  let formatter = kept.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options)
    kept.set(key, formatter)
  }
  return formatter
}
