import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose'
import type { FastifyRequest } from 'fastify'
import type { User } from '../../src/domain/contract'
import type { Queryable } from '../db'
import { unauthorized } from '../lib/errors'

/**
 * Session tokens: HS256 JWTs with the user id as subject and an expiry. The secret comes
 * from SESSION_SECRET, else it is generated once and kept in DATA_DIR so tokens survive a
 * restart. It is never logged.
 */
export function resolveSessionSecret(given: string | undefined, dataDir: string): Uint8Array {
  if (given) return new TextEncoder().encode(given)
  // A throwaway database gets a throwaway secret.
  if (dataDir.startsWith('memory://')) return crypto.randomBytes(32)
  const file = path.resolve(dataDir, 'session-secret')
  try {
    const text = fs.readFileSync(file, 'utf8').trim()
    if (text.length >= 32) return Buffer.from(text, 'hex')
  } catch {
    // first start: create it below
  }
  const secret = crypto.randomBytes(32)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, secret.toString('hex'), { mode: 0o600 })
  return secret
}

export interface SessionSigner {
  sign(userId: number): Promise<{ token: string; expiresAt: string }>
  verify(token: string): Promise<number>
}

export function createSigner(secret: Uint8Array, ttlSec: number, now: () => Date): SessionSigner {
  return {
    async sign(userId) {
      const iat = Math.floor(now().getTime() / 1000)
      const exp = iat + ttlSec
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(String(userId))
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .setAudience('duet')
        .sign(secret)
      return { token, expiresAt: new Date(exp * 1000).toISOString() }
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], audience: 'duet', currentDate: now() })
        const id = Number(payload.sub)
        if (!Number.isSafeInteger(id) || id <= 0) throw unauthorized('登录信息无效，请重新登录', 'BAD_TOKEN')
        return id
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw unauthorized('登录已过期，请重新登录', 'SESSION_EXPIRED')
        throw unauthorized('登录信息无效，请重新登录', 'BAD_TOKEN')
      }
    },
  }
}

export function bearerToken(req: FastifyRequest): string | null {
  const h = req.headers.authorization
  if (!h) return null
  const m = /^Bearer\s+(\S+)$/i.exec(h)
  return m ? m[1] : null
}

interface UserRow {
  id: number
  nickname: string
  avatar: string | null
  platform: User['platform']
}

export function toUser(r: UserRow): User {
  return { id: r.id, nickname: r.nickname, avatar: r.avatar, platform: r.platform }
}

export async function findUser(db: Queryable, id: number): Promise<User | null> {
  const r = await db.maybeOne<UserRow>('SELECT id, nickname, avatar, platform FROM users WHERE id = $1', [id])
  return r ? toUser(r) : null
}
