/**
 * Bench-only entry: the one free-times function, bundled by esbuild as the
 * Worker bundles it, so Node can load it (src's imports carry no extension).
 */
export { listFreeStarts } from '../../src/features/bookings/domain/free-times.ts'
