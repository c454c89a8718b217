const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }

/** Escapes text for XML element content and attribute values. */
export const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (char) => xmlEntities[char] ?? char)
