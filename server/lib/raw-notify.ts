import type { FastifyRequest } from 'fastify'
import type { RawNotify } from '../platforms/types'

/** A platform notify as it arrived: lower-case header names and the exact body text (the signature is over those bytes). */
export function rawNotify(req: FastifyRequest): RawNotify {
  const headers: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(req.headers)) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v
  return { headers, body: typeof req.body === 'string' ? req.body : '' }
}
