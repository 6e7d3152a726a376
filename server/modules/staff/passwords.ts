import crypto from 'node:crypto'
import argon2 from 'argon2'

/**
 * Staff passwords: argon2id (salt and parameters inside the encoded hash), the library's
 * defaults (64 MiB, 3 passes), so a stolen staff table costs an attacker real work per guess.
 */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id })
}

/** False for a wrong password and for a hash argon2 can't read (never throws on bad input). */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password)
  } catch {
    return false
  }
}

let dummy: Promise<string> | null = null
/**
 * An unknown username is checked against this hash (same parameters as real ones), so the
 * answer takes as long as a wrong password does and the timing doesn't tell who has an account.
 */
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hashPassword(crypto.randomBytes(16).toString('hex'))
  await verifyPassword(await dummy, password)
}

/** A one-time password: 96 random bits as 16 URL-safe characters, easy to paste, never stored. */
export function generatePassword(): string {
  return crypto.randomBytes(12).toString('base64url')
}

/** Session tokens are 32 random bytes; only their sha256 is stored (migration 013). */
export function newSessionToken(): { token: string; hash: string } {
  const token = crypto.randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex')
}
