/**
 * Where the Duet API lives, fixed at build time: TARO_APP_API, else the local server for the
 * mini-programs and the page's own origin ('') for H5. A leaf: the HTTP client (services/http)
 * and the H5 cashier check (platform/payment) both read it without importing each other.
 */
const DEFAULT_API = process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:3000'
export const API_BASE = (process.env.TARO_APP_API || DEFAULT_API).replace(/\/+$/, '')
