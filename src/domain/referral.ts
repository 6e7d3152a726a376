/**
 * Invite codes for referral links (老带新; shapes in src/domain/points.ts). Pure: the server
 * passes random bytes from crypto.
 */
export const INVITE_CODE_LENGTH = 8
export const INVITE_CODE_RE = /^[0-9A-Za-z]{8}$/

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * An 8-character code from random bytes. Bytes at or above 248 (= 4 × 62) are skipped so each
 * character is uniform; null when too few bytes were left (the caller draws again).
 */
export function inviteCodeFrom(bytes: Uint8Array): string | null {
  let code = ''
  for (const b of bytes) {
    if (b >= 248) continue
    code += ALPHABET[b % 62]
    if (code.length === INVITE_CODE_LENGTH) return code
  }
  return null
}
