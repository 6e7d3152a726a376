/**
 * What the server's logs may say about a request or an error, and nothing more.
 * - Query values that work as credentials (the sandbox cashier's and confirm page's ticket
 *   `t`, tokens, signatures, login codes) become `[redacted]`: access logs get copied around.
 * - Errors keep their type, message, code, status and stack. An HTTP client's error (axios,
 *   under wechatpay-axios-plugin) carries the request config with its Authorization header
 *   and the request and response bodies: none of that is logged.
 */
const SECRET_PARAMS = new Set(['t', 'ticket', 'token', 'access_token', 'sign', 'signature', 'code', 'auth_code', 'authcode', 'session', 'password', 'secret', 'key'])

export function redactQuery(url: string): string {
  const q = url.indexOf('?')
  if (q < 0) return url
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      const name = eq < 0 ? pair : pair.slice(0, eq)
      let decoded = name
      try {
        decoded = decodeURIComponent(name)
      } catch {
        // a malformed name is logged as it came
      }
      return eq >= 0 && SECRET_PARAMS.has(decoded.toLowerCase()) ? `${name}=[redacted]` : pair
    })
  return `${url.slice(0, q)}?${params.join('&')}`
}

// A type, not an interface: pino's serializer type wants an index signature.
type LoggedError = {
  type: string
  message: string
  code?: string
  status?: number
  stack: string
  cause?: LoggedError
}

export function serializeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: String(err), stack: '' }
  const e = err as Error & { code?: unknown; status?: unknown; statusCode?: unknown; response?: { status?: unknown } }
  const status = [e.statusCode, e.status, e.response?.status].find((s) => typeof s === 'number') as number | undefined
  const out: LoggedError = { type: e.name, message: e.message, stack: e.stack ?? '' }
  if (typeof e.code === 'string') out.code = e.code
  if (status !== undefined) out.status = status
  if (e.cause !== undefined && depth < 3) out.cause = serializeError(e.cause, depth + 1)
  return out
}

export const logSerializers = {
  // Fastify hands its own request (with ip and hostname) to this serializer, typed as the raw one.
  req: (req: { method?: string; url?: string; hostname?: string; ip?: string }) => ({ method: req.method, url: redactQuery(req.url ?? ''), host: req.hostname, remoteAddress: req.ip }),
  err: (err: Error) => serializeError(err),
}
