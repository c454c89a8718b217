import type { ImageContentType } from './formats'

export interface ImageSize {
  width: number
  height: number
}

const ascii = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length))
const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/** PNG: the IHDR chunk, always first, holds width and height as 32-bit big-endian numbers. */
function readPngSize(bytes: Uint8Array): ImageSize | null {
  if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return null
  return { width: view(bytes).getUint32(16), height: view(bytes).getUint32(20) }
}

// Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC).
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc

/** JPEG: walks the marker segments to the first SOFn, which holds height then width. */
function readJpegSize(bytes: Uint8Array): ImageSize | null {
  const data = view(bytes)
  let at = 2
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null
    const marker = bytes[at + 1]!
    if (marker === 0xff) {
      at += 1 // fill byte
      continue
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2 // markers with no length
      continue
    }
    if (marker === 0xd9 || marker === 0xda) return null // end of image or scan data before any frame
    if (isStartOfFrame(marker)) return at + 9 <= bytes.length ? { height: data.getUint16(at + 5), width: data.getUint16(at + 7) } : null
    at += 2 + data.getUint16(at + 2)
  }
  return null
}

/** WebP: the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended), each with the size in its own layout. */
function readWebpSize(bytes: Uint8Array): ImageSize | null {
  if (bytes.length < 30) return null
  const data = view(bytes)
  const chunk = ascii(bytes, 12, 4)
  if (chunk === 'VP8 ' && bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a) {
    return { width: data.getUint16(26, true) & 0x3fff, height: data.getUint16(28, true) & 0x3fff }
  }
  if (chunk === 'VP8L' && bytes[20] === 0x2f) {
    const bits = data.getUint32(21, true)
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
  }
  if (chunk === 'VP8X') {
    const uint24 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)
    return { width: uint24(24) + 1, height: uint24(27) + 1 }
  }
  return null
}

/** The boxes inside bytes [from, to): type and where each one's content starts and ends. */
function* readBoxes(bytes: Uint8Array, from: number, to: number) {
  const data = view(bytes)
  for (let at = from; at + 8 <= to; ) {
    const size = data.getUint32(at)
    const end = size === 0 ? to : at + size
    if (size !== 0 && size < 8) return
    yield { type: ascii(bytes, at + 4, 4), start: at + 8, end: Math.min(end, to) }
    at = end
  }
}

const findBox = (bytes: Uint8Array, from: number, to: number, type: string) => [...readBoxes(bytes, from, to)].find((box) => box.type === type)

/**
 * AVIF: the `ispe` properties under meta → iprp → ipco. A file may hold
 * several (tiles, a thumbnail, the alpha plane); the largest is the image.
 */
function readAvifSize(bytes: Uint8Array): ImageSize | null {
  const meta = findBox(bytes, 0, bytes.length, 'meta')
  // meta is a full box: 4 bytes of version and flags before its children.
  const iprp = meta && findBox(bytes, meta.start + 4, meta.end, 'iprp')
  const ipco = iprp && findBox(bytes, iprp.start, iprp.end, 'ipco')
  if (!ipco) return null
  const data = view(bytes)
  const sizes = [...readBoxes(bytes, ipco.start, ipco.end)]
    .filter((box) => box.type === 'ispe' && box.start + 12 <= box.end)
    .map((box) => ({ width: data.getUint32(box.start + 4), height: data.getUint32(box.start + 8) }))
  return sizes.reduce<ImageSize | null>((largest, size) => (!largest || size.width * size.height > largest.width * largest.height ? size : largest), null)
}

const readers: Record<ImageContentType, (bytes: Uint8Array) => ImageSize | null> = {
  'image/png': readPngSize,
  'image/jpeg': readJpegSize,
  'image/webp': readWebpSize,
  'image/avif': readAvifSize,
}

/** Width and height in pixels read from the file itself, or null when its header is cut short or malformed. */
export function readImageSize(bytes: Uint8Array, contentType: ImageContentType): ImageSize | null {
  const size = readers[contentType](bytes)
  return size && size.width > 0 && size.height > 0 ? size : null
}
