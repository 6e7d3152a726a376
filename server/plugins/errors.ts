import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../lib/errors'

/**
 * Every error leaves as JSON {code, message} with a 4xx/5xx status. Client mistakes get a
 * message a shopper (or a developer) can act on; server faults are logged and answered
 * without internals.
 */
const FASTIFY_CODES: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', message: '请求内容过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: '请求内容必须是 JSON（Content-Type: application/json）' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_INPUT', message: '请求长度不正确' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'BAD_JSON', message: '请求体不是合法的 JSON' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'BAD_JSON', message: '请求体不是合法的 JSON' },
}

/** Lets `npm start` answer unknown non-API GETs with the H5 app's index.html (SPA fallback). */
export type SpaFallback = (req: FastifyRequest, reply: FastifyReply) => boolean

export function registerErrorHandling(app: FastifyInstance, spaFallback?: SpaFallback): void {
  // The client sends `content-type: application/json` on every call, also on a DELETE or a
  // POST without a body: an empty body is "no input", not malformed JSON.
  const strictJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  // The API speaks JSON only: a text/plain body is refused (415), not parsed as a string.
  app.removeContentTypeParser('text/plain')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (text.trim() === '') return done(null, undefined)
    strictJson(req, text, done)
  })

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send({ ...err.details, code: err.code, message: err.message })
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined
    if (known) return reply.status(known.status).send({ code: known.code, message: known.message })
    if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message))) {
      return reply.status(400).send({ code: 'BAD_JSON', message: '请求体不是合法的 JSON' })
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ code: err.code ?? 'BAD_REQUEST', message: err.message })
    }
    req.log.error({ err }, 'unhandled error')
    return reply.status(500).send({ code: 'INTERNAL', message: '服务器开小差了，请稍后重试' })
  })

  app.setNotFoundHandler((req, reply) => {
    if (spaFallback?.(req, reply)) return
    reply.status(404).send({ code: 'NOT_FOUND', message: `没有这个接口：${req.method} ${req.url.split('?')[0]}` })
  })
}
