/** The key every client whose address cannot be read shares, so it cannot dodge a limit by sending nonsense. */
export const unknownClient = 'unknown'

const ipv4Octet = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/
const hexGroup = /^[0-9a-f]{1,4}$/

/** The four octets of a dotted-quad IPv4 address, or null. */
function parseIpv4(text: string): number[] | null {
  const octets = text.split('.')
  return octets.length === 4 && octets.every((octet) => ipv4Octet.test(octet)) ? octets.map(Number) : null
}

/** Hex groups as 16-bit numbers; a dotted quad ending the address counts as two groups. */
function parseGroups(text: string, endsAddress: boolean): number[] | null {
  if (text === '') return []
  const parts = text.split(':')
  const groups: number[] = []
  for (const [index, part] of parts.entries()) {
    const ipv4 = endsAddress && index === parts.length - 1 ? parseIpv4(part) : null
    if (ipv4) groups.push((ipv4[0]! << 8) | ipv4[1]!, (ipv4[2]! << 8) | ipv4[3]!)
    else if (hexGroup.test(part)) groups.push(parseInt(part, 16))
    else return null
  }
  return groups
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing IPv4 part read), or null. */
function parseIpv6(text: string): number[] | null {
  const halves = text.toLowerCase().split('::')
  if (halves.length > 2) return null
  const head = parseGroups(halves[0]!, halves.length === 1)
  const tail = halves.length === 2 ? parseGroups(halves[1]!, true) : []
  if (!head || !tail) return null
  if (halves.length === 1) return head.length === 8 ? head : null
  // `::` stands for at least one group of zeros.
  const missing = 8 - head.length - tail.length
  return missing >= 1 ? [...head, ...Array<number>(missing).fill(0), ...tail] : null
}

const isIpv4Mapped = (groups: number[]) => groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff

/**
 * The key a client is rate-limited by: an IPv4 address as it is, an IPv6
 * address by its /64, since one host or household is handed a whole /64 and
 * could otherwise take a fresh allowance with every address in it. An
 * IPv4-mapped IPv6 address counts as its IPv4 address; anything unreadable
 * shares one key.
 *
 * @example clientKey('2001:db8:0:1:a::7') // '2001:db8:0:1::/64'
 * @example clientKey('::ffff:198.51.100.7') // '198.51.100.7'
 */
export function clientKey(address: string | undefined): string {
  const text = address?.trim() ?? ''
  const ipv4 = parseIpv4(text)
  if (ipv4) return ipv4.join('.')
  const groups = parseIpv6(text)
  if (!groups) return unknownClient
  if (isIpv4Mapped(groups)) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join('.')
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`
}
