import { describe, expect, it } from 'vitest'
import { clientKey, unknownClient } from '../../src/platform/client-key'

describe('clientKey', () => {
  it.each([
    ['198.51.100.7', '198.51.100.7'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
  ])('keeps the IPv4 address %s whole', (address, key) => {
    expect(clientKey(address)).toBe(key)
  })

  it.each([
    ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3:8d3::/64'],
    ['2001:0DB8:85A3:08D3:1319:8A2E:0370:7348', '2001:db8:85a3:8d3::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:db8:0:1::', '2001:db8:0:1::/64'],
    ['::1', '0:0:0:0::/64'],
    ['::', '0:0:0:0::/64'],
    ['fe80::1:2:3:4', 'fe80:0:0:0::/64'],
    ['2001:db8:1:2:3::', '2001:db8:1:2::/64'],
    ['2001:db8:1::2:3:4:5', '2001:db8:1:0::/64'],
    ['64:ff9b::198.51.100.7', '64:ff9b:0:0::/64'],
  ])('keys the IPv6 address %s by its /64', (address, key) => {
    expect(clientKey(address)).toBe(key)
  })

  it('gives every address of one /64 the same key, however it is written, and another /64 another key', () => {
    const keys = ['2001:db8:aa:bb::1', '2001:0db8:00aa:00bb:ffff:ffff:ffff:ffff', '2001:DB8:AA:BB:0:0:0:0'].map(clientKey)
    expect(new Set(keys).size).toBe(1)
    expect(clientKey('2001:db8:aa:bc::1')).not.toBe(keys[0])
    expect(clientKey('2001:db8:aa:bb::1')).not.toBe(clientKey('2001:db9:aa:bb::1'))
  })

  it.each([
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['::FFFF:198.51.100.7', '198.51.100.7'],
    ['::ffff:c633:6407', '198.51.100.7'],
    ['0:0:0:0:0:ffff:198.51.100.7', '198.51.100.7'],
  ])('reads the IPv4-mapped %s as its IPv4 address', (address, key) => {
    expect(clientKey(address)).toBe(key)
  })

  it.each([
    undefined,
    '',
    'not an address',
    '198.51.100',
    '198.51.100.256',
    '198.51.100.07',
    '198.51.100.7.1',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    '1::2::3',
    ':1:2:3:4:5:6:7',
    '12345::1',
    'g::1',
    '198.51.100.7::',
    '::ffff:198.51.100.7:1',
    'fe80::1%eth0',
    '[2001:db8::1]',
  ])('gives the unreadable %s the shared unknown key', (address) => {
    expect(clientKey(address)).toBe(unknownClient)
  })
})
