import Taro from '@tarojs/taro'
import { ApiError, answerInFailure, authHeader, API_BASE, parseBody } from './http'

/** A photo is at most 5 MB: a minute is plenty on a phone network, and the shopper is told when it isn't. */
const UPLOAD_TIMEOUT_MS = 60_000

/**
 * One image to an upload endpoint (POST /api/uploads/after-sales, /api/uploads/reviews),
 * multipart field `file` → {url}: a server path, kept as is for the request that cites it.
 * Taro.uploadFile bypasses `api`, so it adds the session header itself; its `data` is the
 * body as text.
 */
export async function uploadImage(endpoint: string, filePath: string): Promise<string> {
  let res: { statusCode: number; data: unknown }
  try {
    // Alipay's my.uploadFile also needs fileType (Taro renames name to fileName there); WeChat ignores it.
    const options = { url: `${API_BASE}${endpoint}`, filePath, name: 'file', fileType: 'image', header: authHeader(), timeout: UPLOAD_TIMEOUT_MS }
    // Our own deadline too: the H5 upload never answers when the network fails, and the page would wait at 上传中 for ever.
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ApiError(504, 'UPLOAD_TIMEOUT', '图片上传超时，请检查网络后重试')), UPLOAD_TIMEOUT_MS + 5000)
    })
    try {
      res = await Promise.race([Taro.uploadFile(options as Taro.uploadFile.Option), deadline])
    } finally {
      clearTimeout(timer)
    }
  } catch (err) {
    if (err instanceof ApiError) throw err
    res = answerInFailure(err)
  }
  const body = parseBody(res.data)
  if (res.statusCode >= 200 && res.statusCode < 300 && typeof (body as { url?: unknown })?.url === 'string') return (body as { url: string }).url
  const e = (typeof body === 'object' && body !== null ? body : {}) as { code?: string; message?: string }
  throw new ApiError(res.statusCode || 502, e.code ?? 'UPLOAD_FAILED', typeof e.message === 'string' ? e.message : '图片上传失败，请重试')
}
