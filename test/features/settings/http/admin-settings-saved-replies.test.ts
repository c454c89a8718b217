import { beforeAll, describe, expect, it } from 'vitest'
import { currentSettings } from '../../../../src/features/settings/current'
import { type AdminSession, adminGet, signIn } from '../../../helpers/admin'
import { storeBooking } from '../../../helpers/manage'
import { withSettings } from '../../../helpers/settings'
import { postSection, saveSection, settingsForm, summaryOf } from './admin-settings-helpers'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

/** Keeps the saved replies as they were once the test is done, for the other files sharing the database. */
const keepingReplies = (run: () => Promise<void>) => withSettings('saved-replies', (value) => value, run)

describe('the saved replies section', () => {
  it('starts with replies in the clinic’s words, each with a remove box, and one empty row to add another', async () => {
    const html = await (await adminGet(session, '/admin/settings/saved-replies')).text()
    expect(html).toContain('<a href="/admin/settings/saved-replies" aria-current="page">Saved replies</a>')
    const legends = [...html.matchAll(/<legend>([^<]*)<\/legend>/g)].map((match) => match[1])
    expect(legends).toEqual(['Saved reply 1', 'Saved reply 2', 'Saved reply 3', 'New saved reply'])
    expect([...html.matchAll(/name="(replies\.\d\.remove)"/g)].map((match) => match[1])).toEqual(['replies.0.remove', 'replies.1.remove', 'replies.2.remove'])
    expect(html).toContain('value="Thank you, we will call you"')
  })

  it('adds a reply from the empty row and removes one by its box, in one save, and the request page lists them', async () => {
    await keepingReplies(async () => {
      const settings = await saveSection(session, 'saved-replies', {
        'replies.0.remove': 'yes',
        'replies.3.title': 'Running late',
        'replies.3.text': 'We are running about ten minutes late today.\nSorry for the wait.',
      })
      expect(settings.savedReplies.map((reply) => reply.title)).toEqual(['Please choose a time', 'Before your first visit', 'Running late'])
      expect(settings.savedReplies[2]!.text).toBe('We are running about ten minutes late today.\nSorry for the wait.')
      const { id } = await storeBooking(new Date('2072-07-01T16:00:00Z'), { kind: 'contact' })
      const page = await (await adminGet(session, `/admin/requests/${id}?reply=2`)).text()
      const links = [...page.matchAll(/<a href="\/admin\/requests\/[^"?]+\?reply=(\d+)#f-body">([^<]*)<\/a>/g)].map((match) => `${match[1]} ${match[2]}`)
      expect(links).toEqual(['0 Please choose a time', '1 Before your first visit', '2 Running late'])
      expect(/<textarea id="f-body"[^>]*>([^<]*)<\/textarea>/.exec(page)?.[1]).toBe('We are running about ten minutes late today.\nSorry for the wait.')
      const overview = await (await adminGet(session, '/admin/settings')).text()
      expect(overview).toContain('Saved reply removed: “Thank you, we will call you”')
      expect(overview).toContain('Saved reply added: “Running late”')
    })
  })

  it('refuses a reply without its text, a text too long, and a 21st reply, with the reason and nothing saved', async () => {
    await keepingReplies(async () => {
      const before = currentSettings().savedReplies
      const form = await settingsForm('saved-replies')
      const untitled = await postSection(session, 'saved-replies', { ...form, 'replies.3.title': 'Half written' })
      expect(untitled.status).toBe(422)
      expect(summaryOf(await untitled.text())).toEqual(['Fill this in'])
      const long = await postSection(session, 'saved-replies', { ...form, 'replies.3.title': 'Long', 'replies.3.text': 'a'.repeat(5001) })
      expect(long.status).toBe(422)
      expect(summaryOf(await long.text())).toEqual(['Enter at most 5000 characters'])
      const many = Object.fromEntries(
        Array.from({ length: 18 }, (_, index) => [
          [`replies.${index + 3}.title`, `Reply ${index + 4}`],
          [`replies.${index + 3}.text`, `Words ${index + 4}`],
        ]).flat(),
      )
      const tooMany = await postSection(session, 'saved-replies', { ...form, ...many })
      expect(tooMany.status).toBe(422)
      expect(await tooMany.text()).toContain('at most 20 saved replies')
      expect(currentSettings().savedReplies).toEqual(before)
    })
  })
})
