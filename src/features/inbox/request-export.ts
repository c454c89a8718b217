import type { Db } from '../../platform/database'
import { describeError, logEvent } from '../../platform/log'
import { type CsvCell, streamCsv } from './csv'
import { type ExportCursor, exportPageSize, exportRequests, type InboxFilter } from './store/inbox'

const columns = [
  'reference',
  'received',
  'kind',
  'status',
  'name',
  'email',
  'phone',
  'reply_by',
  'service',
  'pain',
  'patient',
  'preferred_times',
  'message',
  'notes',
  'confirmed_start',
  'private_note',
  'source_article',
  'heard_from',
  'thread',
] as const

type ExportRow = Awaited<ReturnType<typeof exportRequests>>[number]

const toCells = (row: ExportRow): CsvCell[] => [
  row.reference,
  row.createdAt.toISOString(),
  row.kind,
  row.status,
  row.name,
  row.email,
  row.phone,
  row.preferredContact,
  row.serviceId,
  row.painType,
  row.patientStatus,
  row.preferredTimes,
  row.message,
  row.notes,
  row.confirmedStart?.toISOString(),
  row.note,
  row.sourceArticle,
  row.heardFrom,
  row.thread,
]

/** The matching requests page by page, each page starting after the last row of the one before. */
async function* readPages(db: Db, filter: InboxFilter): AsyncGenerator<CsvCell[][]> {
  let after: ExportCursor | undefined
  for (;;) {
    const rows = await exportRequests(db, filter, after)
    if (rows.length > 0) yield rows.map(toCells)
    const last = rows.at(-1)
    if (!last || rows.length < exportPageSize) return
    after = { createdAt: last.createdAt, id: last.id }
  }
}

/**
 * Logs a failure mid-export before passing it on: the 200 and its headers are
 * already sent, so the practitioner sees a broken download and the log says why.
 */
async function* loggingFailures(pages: AsyncGenerator<CsvCell[][]>): AsyncGenerator<CsvCell[][]> {
  try {
    yield* pages
  } catch (error) {
    logEvent('error', 'export_failed', { error: describeError(error) })
    throw error
  }
}

/**
 * Every request matching the filter as a CSV byte stream, newest first, read
 * from D1 a page at a time as the download proceeds.
 */
export const streamRequestsCsv = (db: Db, filter: InboxFilter): ReadableStream<Uint8Array> => streamCsv(columns, loggingFailures(readPages(db, filter)))
