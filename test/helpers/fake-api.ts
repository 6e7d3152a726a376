import http from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request the app sent: method, path without the query, JSON body. */
export interface ReceivedRequest {
  method: string
  path: string
  body: unknown
}

/** What a route answers: status and JSON body; undefined falls through to a 404. */
export type FakeAnswer = [status: number, data: unknown] | undefined

export interface FakeApi {
  url: string
  received: ReceivedRequest[]
  close(): Promise<void>
}

/**
 * A small HTTP server standing in for endpoints another part builds: `answer` gets
 * "METHOD /path", the JSON body and the query, and says what to send; every request is recorded.
 */
export function startFakeApi(answer: (key: string, body: unknown, query: URLSearchParams) => FakeAnswer): Promise<FakeApi> {
  const received: ReceivedRequest[] = []
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      const [p, qs = ''] = (req.url ?? '').split('?')
      const body = raw ? (JSON.parse(raw) as unknown) : undefined
      received.push({ method: req.method ?? '', path: p, body })
      const key = `${req.method} ${p}`
      const [status, data] = answer(key, body, new URLSearchParams(qs)) ?? [404, { code: 'NOT_FOUND', message: `fake api: ${key}` }]
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(data))
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
