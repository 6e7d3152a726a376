import Taro from '@tarojs/taro'
import type { ApiErrorBody } from '@/domain/contract'
import { API_BASE } from '@/lib/api-base'

/**
 * The one HTTP client. Every service goes through `api`, which adds the session token,
 * turns non-2xx answers into ApiError, and maps network failures to a retryable error.
 */

// The API origin lives in lib/api-base (platform/payment reads it too); re-exported for the services' callers.
export { API_BASE }

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** Network failures and server errors are worth a retry button; 4xx answers are not. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500
  }
}

/**
 * Who is signed in is the session store's business (store/session), which links itself here
 * when it loads (the app imports it at start): the client asks it for the token and tells it
 * about a 401. Services sit below the store, so this file never imports it.
 */
export interface SessionLink {
  /** The token to send: null when logged out or expired. */
  token(): string | null
  /** The server answered 401: the session is over. */
  unauthorized(): void
}

let session: SessionLink = { token: () => null, unauthorized: () => undefined }

export function linkSession(link: SessionLink): void {
  session = link
}

/** Whether a session is signed in now (its token still valid): services that behave differently for guests ask this. */
export function signedIn(): boolean {
  return session.token() !== null
}

/** The session's Authorization header, for calls that bypass `api` (Taro.uploadFile). */
export function authHeader(): Record<string, string> {
  const token = session.token()
  return token ? { authorization: `Bearer ${token}` } : {}
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>
  body?: unknown
  /** Send the token even when not logged in is fine (the server decides); default true. */
  auth?: boolean
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  const parts = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return `${API_BASE}${path}${parts.length ? `?${parts.join('&')}` : ''}`
}

function isErrorBody(data: unknown): data is ApiErrorBody {
  return typeof data === 'object' && data !== null && typeof (data as ApiErrorBody).message === 'string'
}

export async function api<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const header: Record<string, string> = { 'content-type': 'application/json' }
  const token = options.auth === false ? null : session.token()
  if (token) header.authorization = `Bearer ${token}`
  let res: { statusCode: number; data: unknown }
  try {
    res = await Taro.request<Record<string, unknown>>({
      url: buildUrl(path, options.query),
      method,
      header,
      data: options.body === undefined ? undefined : (options.body as Record<string, unknown>),
      dataType: 'json',
      timeout: 15_000,
    })
  } catch (err) {
    res = answerInFailure(err)
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T
  if (res.statusCode === 401) session.unauthorized()
  const body = isErrorBody(res.data) ? res.data : null
  throw new ApiError(res.statusCode, body?.code ?? 'HTTP_ERROR', body?.message ?? `请求失败（${res.statusCode}）`)
}

interface PlatformFailure {
  status?: unknown
  statusCode?: unknown
  data?: unknown
  error?: unknown
}

/**
 * WeChat and H5 resolve every HTTP answer; Alipay's my.request rejects a non-2xx answer
 * (error 19) and, on current hosts, still hands over its status and body. Such an answer is
 * the server speaking (409 sold out, 401 signed out), not a network failure.
 */
export function answerInFailure(err: unknown): { statusCode: number; data: unknown } {
  const f = (typeof err === 'object' && err !== null ? err : {}) as PlatformFailure
  const status = typeof f.status === 'number' ? f.status : typeof f.statusCode === 'number' ? f.statusCode : null
  if (status !== null && status > 0) return { statusCode: status, data: parseBody(f.data) }
  if (f.error === 19) throw new ApiError(502, 'HTTP_ERROR', '服务暂时不可用，请稍后重试')
  throw new ApiError(0, 'NETWORK', '网络不给力，请稍后重试')
}

/** A body the host handed over as text (uploadFile's, Alipay's failures): JSON when it is, else as it came. */
export function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data) as unknown
  } catch {
    return data
  }
}

/** Server image paths ("/api/images/x.jpg") become absolute URLs the mini-programs can load. */
export function imageUrl(path: string): string {
  return /^https?:\/\//.test(path) ? path : `${API_BASE}${path}`
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message
  return '出了点问题，请稍后重试'
}
