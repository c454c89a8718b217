// src/ runs in workerd, whose SubtleCrypto adds timingSafeEqual; the browser
// tests typecheck the src modules they import against the DOM library instead.
interface SubtleCrypto {
  timingSafeEqual(a: ArrayBuffer | ArrayBufferView, b: ArrayBuffer | ArrayBufferView): boolean
}
