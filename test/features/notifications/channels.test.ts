import { describe, expect, it } from 'vitest'
import { configuredChannels } from '../../../src/features/notifications/channels'
import { readNotifySettings } from '../../../src/features/notifications/settings'

const base = { NOTIFY_FROM: 'from@clinic.example.com', NOTIFY_TO: 'to@clinic.example.com', NOTIFY_DETAILS: 'minimal', ACK_PATIENT: 'false', DIGEST_HOUR: '7' }

describe('configuredChannels', () => {
  it.each([
    [{}, ['email']],
    [{ NOTIFY_WEBHOOK_URL: 'https://hooks.example.test/x' }, ['email', 'webhook']],
    [{ ACK_PATIENT: 'true' }, ['email', 'patient']],
    // On unless exactly "false": a patient who hears nothing does not know the request arrived.
    [{ ACK_PATIENT: 'yes' }, ['email', 'patient']],
    [{ ACK_PATIENT: 'FALSE' }, ['email', 'patient']],
    [{ NOTIFY_TO: '', NOTIFY_WEBHOOK_URL: 'https://hooks.example.test/x' }, ['webhook']],
    [{ NOTIFY_TO: '', NOTIFY_WEBHOOK_URL: '' }, []],
  ])('%o gives %o', (overrides, channels) => {
    expect(configuredChannels({ ...base, ...overrides })).toEqual(channels)
  })

  it('acknowledges the patient when ACK_PATIENT is not set at all', () => {
    const { ACK_PATIENT: _, ...unset } = base
    expect(configuredChannels(unset)).toEqual(['email', 'patient'])
    expect(readNotifySettings({ ...unset, ACK_PATIENT: undefined as unknown as string }).ackPatient).toBe(true)
  })
})

describe('readNotifySettings', () => {
  it('reads the webhook only with a URL, and falls back to 7 for a digest hour out of range', () => {
    expect(readNotifySettings(base)).toMatchObject({ details: 'minimal', ackPatient: false, webhook: undefined, digestHour: 7 })
    expect(readNotifySettings({ ...base, NOTIFY_WEBHOOK_URL: 'https://h.example.test', NOTIFY_WEBHOOK_SECRET: 's' }).webhook).toEqual({
      url: 'https://h.example.test',
      secret: 's',
    })
    expect(readNotifySettings({ ...base, DIGEST_HOUR: '0' }).digestHour).toBe(0)
    expect(readNotifySettings({ ...base, DIGEST_HOUR: '24' }).digestHour).toBe(7)
    expect(readNotifySettings({ ...base, DIGEST_HOUR: 'seven' }).digestHour).toBe(7)
  })

  it('links to SITE_URL where the site is served from elsewhere (local development), else to the configured address', () => {
    expect(readNotifySettings(base).siteUrl).toBe('https://clinic.example.com')
    expect(readNotifySettings({ ...base, SITE_URL: '' }).siteUrl).toBe('https://clinic.example.com')
    expect(readNotifySettings({ ...base, SITE_URL: 'http://localhost:8793' }).siteUrl).toBe('http://localhost:8793')
  })
})
