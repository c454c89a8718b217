import { describe, expect, it } from 'vitest'
import { isReplyMacOf, referenceInReplyAddress, replyAddressOf } from '../../../../src/features/bookings/messages/reply-address'

const secret = 'a-secret-of-at-least-thirty-two-characters'
const base = 'replies@clinic.example.com'
const request = { id: '0b9d2a4e-5d6f-4b1a-9c3e-7f8a9b0c1d2e', reference: 'YAWUZ8XZ' }

describe('the reply address of a request', () => {
  it('carries the reference and a MAC of the request as a lower-case subaddress', async () => {
    const address = await replyAddressOf(secret, base, request)
    expect(address).toMatch(/^replies\+yawuz8xz-[0-9a-f]{20}@clinic\.example\.com$/)
    const read = referenceInReplyAddress(base, address.toUpperCase())
    expect(read?.reference).toBe('YAWUZ8XZ')
    expect(await isReplyMacOf(secret, request.id, read!.mac)).toBe(true)
  })

  it('differs per request and per secret, so one address opens no other thread', async () => {
    const address = await replyAddressOf(secret, base, request)
    const other = await replyAddressOf(secret, base, { id: 'e1c7b0d2-0000-4000-8000-000000000000', reference: 'YAWUZ8XZ' })
    expect(other).not.toBe(address)
    const { mac } = referenceInReplyAddress(base, address)!
    expect(await isReplyMacOf(secret, 'e1c7b0d2-0000-4000-8000-000000000000', mac)).toBe(false)
    expect(await isReplyMacOf(`${secret}-rotated`, request.id, mac)).toBe(false)
    expect(await isReplyMacOf(secret, request.id, mac.slice(0, 19))).toBe(false)
  })

  it('reads nothing from another address', () => {
    expect(referenceInReplyAddress(base, 'replies@clinic.example.com')).toBeNull()
    expect(referenceInReplyAddress(base, 'replies+yawuz8xz-abc@other.example.com')).toBeNull()
    expect(referenceInReplyAddress(base, 'hello+yawuz8xz-abc@clinic.example.com')).toBeNull()
    expect(referenceInReplyAddress(base, 'replies+yawuz8xz@clinic.example.com')).toBeNull()
    expect(referenceInReplyAddress(base, 'replies+../x-abc@clinic.example.com')).toBeNull()
  })
})
