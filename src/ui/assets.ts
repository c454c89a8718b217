/**
 * The stylesheet's URL carries the first 8 hex digits of its SHA-256, so it
 * can be cached for a year (static/_headers) and still change on deploy.
 * test/ui/assets.test.ts fails with the new value when static/site.css changes.
 */
export const stylesheetHref = '/site.css?v=7e8ededa'
