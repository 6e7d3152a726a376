/**
 * The console's one HTTP client: every call to /api/admin/* goes through `api()`, which adds
 * the bearer token, turns an error answer `{code, message, field?}` into an ApiError, sends a
 * 401 back to the login page, and downloads files (CSV) as blobs.
 */
const TOKEN_KEY = 'duet.console.token'

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY)
}

export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token)
  else sessionStorage.removeItem(TOKEN_KEY)
}

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  /** The rest of the error answer (e.g. `current` of a 409 VERSION_CONFLICT, `lockedUntil` of a 423). */
  readonly details: Record<string, unknown>

  constructor(status: number, body: { code?: string; message?: string; field?: string } & Record<string, unknown>) {
    super(body.message || `请求失败（${status}）`)
    this.status = status
    this.code = body.code || 'HTTP_' + status
    this.field = typeof body.field === 'string' ? body.field : undefined
    this.details = body
  }
}

type UnauthorizedListener = () => void
let onUnauthorized: UnauthorizedListener = () => {}
/** The app registers what a 401 does (back to the login page, keeping where the user was). */
export function setUnauthorizedHandler(fn: UnauthorizedListener): void {
  onUnauthorized = fn
}

export type Query = Record<string, string | number | boolean | undefined | null>

export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
  const s = params.toString()
  return s ? `${path}?${s}` : path
}

export interface RequestOptions {
  method?: string
  body?: unknown
  query?: Query
  signal?: AbortSignal
}

const PASSWORD_PATHS = new Set(['/admin/session', '/admin/me/password'])

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' }
  const token = getToken()
  if (token) headers.authorization = `Bearer ${token}`
  let body: BodyInit | undefined
  if (opts.body instanceof FormData) body = opts.body
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  let res: Response
  try {
    res = await fetch(withQuery(`/api${path}`, opts.query), { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body, signal: opts.signal })
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err
    throw new ApiError(0, { code: 'NETWORK', message: '网络连接失败，请检查网络后重试' })
  }
  if (!res.ok) {
    let parsed: Record<string, unknown> = {}
    try {
      parsed = (await res.json()) as Record<string, unknown>
    } catch {
      parsed = { message: res.status >= 500 ? '服务器开小差了，请稍后重试' : `请求失败（${res.status}）` }
    }
    const error = new ApiError(res.status, parsed)
    // The login and the password change answer 401 for a wrong password: that is the form's
    // error, not a lost session (which is ADMIN_ONLY there, as everywhere).
    if (res.status === 401 && (!PASSWORD_PATHS.has(path) || error.code === 'ADMIN_ONLY')) {
      setToken(null)
      onUnauthorized()
    }
    throw error
  }
  return res
}

/** A JSON call; 204 gives undefined. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts)
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

/** Downloads a file answer (the orders CSV) under the server's name, or `fallbackName`. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const res = await send(path, { query })
  const blob = await res.blob()
  const disposition = res.headers.get('content-disposition') ?? ''
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)
  const name = m ? decodeURIComponent(m[1]) : fallbackName
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export interface Paged<T> {
  items: T[]
  total: number
  page?: number
  pageSize?: number
}
