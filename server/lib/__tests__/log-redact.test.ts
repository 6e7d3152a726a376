import { Writable } from 'node:stream'
import { AxiosError, AxiosHeaders } from 'axios'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../app'
import { TINY_CATALOG } from '../../test/fixtures'
import { redactQuery, serializeError } from '../log-redact'

describe('logs keep secrets out', () => {
  it('redacts credential query values and keeps the rest', () => {
    expect(redactQuery('/api/payments/sandbox/cashier?out=D123&t=SECRETTICKET')).toBe('/api/payments/sandbox/cashier?out=D123&t=[redacted]')
    expect(redactQuery('/x?Token=a&sign=b&code=c&page=2')).toBe('/x?Token=[redacted]&sign=[redacted]&code=[redacted]&page=2')
    expect(redactQuery('/api/products?page=1')).toBe('/api/products?page=1')
    expect(redactQuery('/x?%74=abc')).toBe('/x?%74=[redacted]')
  })

  it("an axios error's Authorization header, request and response bodies never reach the log", () => {
    const headers = new AxiosHeaders({ Authorization: 'WECHATPAY2-SHA256-RSA2048 mchid="1",signature="SIGNATURE-SECRET"' })
    const err = new AxiosError('Request failed with status code 500', 'ERR_BAD_RESPONSE', { headers, data: '{"openid":"o-SECRET-BODY"}' } as never, {}, {
      status: 500,
      statusText: 'x',
      headers: {},
      config: { headers } as never,
      data: { message: 'RESPONSE-SECRET' },
    })
    const text = JSON.stringify(serializeError(err))
    expect(text).toContain('Request failed with status code 500')
    expect(text).toContain('"status":500')
    expect(text).toContain('ERR_BAD_RESPONSE')
    for (const secret of ['SIGNATURE-SECRET', 'o-SECRET-BODY', 'RESPONSE-SECRET', 'Authorization']) expect(text).not.toContain(secret)
  })

  it('the access log of a running app shows the cashier path without its ticket', async () => {
    const lines: string[] = []
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const app = await buildApp({ env: {}, config: { dataDir: 'memory://' }, seed: TINY_CATALOG, sweeper: false, logger: { level: 'info', stream } })
    await app.inject({ method: 'GET', url: '/api/sandbox/credit/C000001?t=TICKET-SECRET-123&back=/' })
    await app.close()
    const log = lines.join('')
    expect(log).toContain('/api/sandbox/credit/C000001?t=[redacted]&back=/')
    expect(log).not.toContain('TICKET-SECRET-123')
  }, 120_000)
})
