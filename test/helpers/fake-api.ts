import http from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request the app sent: method, path without the query, JSON body. */
export interface ReceivedRequest {
  method: string
  path: string
  body: unknown
  /** The Authorization header as sent (undefined: no session). */
  auth: string | undefined
}

/** What a route answers: status and JSON body (or a Buffer sent as `contentType`); undefined falls through to a 404. */
export type FakeAnswer = [status: number, data: unknown] | [status: number, data: Buffer, contentType: string] | undefined

export interface FakeApi {
  url: string
  received: ReceivedRequest[]
  close(): Promise<void>
}

/**
 * A small HTTP server standing in for endpoints another part builds: `answer` gets
 * "METHOD /path", the JSON body, the query and the recorded request, and says what to send;
 * every request is recorded.
 */
export function startFakeApi(answer: (key: string, body: unknown, query: URLSearchParams, request: ReceivedRequest) => FakeAnswer): Promise<FakeApi> {
  const received: ReceivedRequest[] = []
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const [p, qs = ''] = (req.url ?? '').split('?')
      const body = raw ? (JSON.parse(raw) as unknown) : undefined
      const request: ReceivedRequest = { method: req.method ?? '', path: p, body, auth: req.headers.authorization }
      received.push(request)
      const key = `${req.method} ${p}`
      const [status, data, contentType] = answer(key, body, new URLSearchParams(qs), request) ?? [404, { code: 'NOT_FOUND', message: `fake api: ${key}` }]
      res.writeHead(status, { 'content-type': contentType ?? 'application/json' })
      res.end(contentType ? data : JSON.stringify(data))
    })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        received,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  )
}
