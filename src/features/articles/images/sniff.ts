import type { ImageContentType } from './formats'

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((byte, i) => bytes[at + i] === byte)
const ascii = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length))

const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const jpeg = [0xff, 0xd8, 0xff]

/** An AVIF file opens with an `ftyp` box naming `avif` (still) or `avis` (sequence) among its brands. */
function isAvif(bytes: Uint8Array): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 4) !== 'ftyp') return false
  const boxSize = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0)
  const end = Math.min(boxSize, bytes.length)
  const brands = [ascii(bytes, 8, 4)]
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(bytes, at, 4))
  return brands.includes('avif') || brands.includes('avis')
}

/**
 * The image type read from the file's first bytes, or null for anything
 * else (SVG, GIF, text…). The name and the declared type are never trusted:
 * an SVG can carry script, and a browser told `nosniff` renders by this type.
 */
export function sniffImageType(bytes: Uint8Array): ImageContentType | null {
  if (startsWith(bytes, png)) return 'image/png'
  if (startsWith(bytes, jpeg)) return 'image/jpeg'
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp'
  if (isAvif(bytes)) return 'image/avif'
  return null
}
