import type { Context } from 'hono'
import { isJsonBody } from './negotiation'
import { Refusal } from './refusal'

export type RawFields = Record<string, unknown>

/** A form's messages by field name, the shape both a re-shown form and a JSON answer use. */
export type FieldErrors = Record<string, string[]>

const malformed = () => new Refusal(400, 'Could not read the form', 'The form could not be read. Reload the page and send it again.')

/**
 * The submitted fields, read once; Hono caches the body, so the zod validator
 * that runs next reads the same parse.
 */
export async function readFields(c: Context): Promise<RawFields> {
  if (isJsonBody(c)) {
    const body: unknown = await c.req.json().catch(() => {
      throw new Refusal(400, 'Malformed JSON', 'The request body is not valid JSON.')
    })
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Refusal(400, 'Malformed JSON', 'Send the fields as one JSON object.')
    return body as RawFields
  }
  const form = await c.req.formData().catch(() => {
    throw malformed()
  })
  const fields: RawFields = {}
  form.forEach((value, key) => {
    if (!(key in fields)) fields[key] = value
  })
  return fields
}

/** The typed values to put back in the form: strings only, first value of a repeated field. */
export function displayValues(fields: RawFields): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') values[key] = value
    else if (typeof value === 'boolean' || typeof value === 'number') values[key] = String(value)
  }
  return values
}
