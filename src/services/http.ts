import Taro from '@tarojs/taro'
import type { ApiErrorBody } from '@/domain/contract'
import { currentToken, useSession } from '@/store/session'

/**
 * The one HTTP client. Every service goes through `api`, which adds the session token,
 * turns non-2xx answers into ApiError, and maps network failures to a retryable error.
 */
const DEFAULT_API = process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:3000'
export const API_BASE = (process.env.TARO_APP_API || DEFAULT_API).replace(/\/+$/, '')

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
  const token = options.auth === false ? null : currentToken()
  if (token) header.authorization = `Bearer ${token}`
  let res: Taro.request.SuccessCallbackResult<Record<string, unknown>>
  try {
    res = await Taro.request<Record<string, unknown>>({
      url: buildUrl(path, options.query),
      method,
      header,
      data: options.body === undefined ? undefined : (options.body as Record<string, unknown>),
      dataType: 'json',
      timeout: 15_000,
    })
  } catch {
    throw new ApiError(0, 'NETWORK', '网络不给力，请稍后重试')
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T
  if (res.statusCode === 401) useSession.getState().signOut()
  const body = isErrorBody(res.data) ? res.data : null
  throw new ApiError(res.statusCode, body?.code ?? 'HTTP_ERROR', body?.message ?? `请求失败（${res.statusCode}）`)
}

/** Server image paths ("/api/images/x.jpg") become absolute URLs the mini-programs can load. */
export function imageUrl(path: string): string {
  return /^https?:\/\//.test(path) ? path : `${API_BASE}${path}`
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message
  return '出了点问题，请稍后重试'
}
