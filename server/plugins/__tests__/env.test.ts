import { describe, expect, it } from 'vitest'
import { loadConfig } from '../env'

describe('loadConfig: secrets', () => {
  const strong = 'a'.repeat(32)

  it.each(['SESSION_SECRET', 'ADMIN_TOKEN'])('refuses a %s under 32 bytes and says how to make one', (name) => {
    expect(() => loadConfig({ [name]: 'x' })).toThrow(new RegExp(`${name} is too short: use at least 32 bytes`))
    expect(() => loadConfig({ [name]: 'a'.repeat(31) })).toThrow(/at least 32 bytes/)
    expect(() => loadConfig({ [name]: 'a'.repeat(31) })).toThrow(/openssl rand -hex 32/)
  })

  it('counts bytes, not characters: 11 CJK characters are 33 bytes', () => {
    expect(loadConfig({ ADMIN_TOKEN: '管'.repeat(11) }).adminToken).toBe('管'.repeat(11))
  })

  it('accepts 32 bytes and more, and leaves unset secrets unset', () => {
    const c = loadConfig({ SESSION_SECRET: strong, ADMIN_TOKEN: strong + 'b' })
    expect(c.sessionSecret).toBe(strong)
    expect(c.adminToken).toBe(strong + 'b')
    const none = loadConfig({})
    expect(none.sessionSecret).toBeUndefined()
    expect(none.adminToken).toBeUndefined()
  })

  it('never echoes the refused secret', () => {
    try {
      loadConfig({ ADMIN_TOKEN: 'hunter2-secret' })
      expect.unreachable()
    } catch (err) {
      expect((err as Error).message).not.toContain('hunter2')
    }
  })
})

describe('loadConfig: STAFF_SESSION_TTL', () => {
  it('defaults to 12 hours, takes a duration, and refuses one under a minute', () => {
    expect(loadConfig({}).staffSessionTtlMs).toBe(12 * 3600_000)
    expect(loadConfig({ STAFF_SESSION_TTL: '8h' }).staffSessionTtlMs).toBe(8 * 3600_000)
    expect(() => loadConfig({ STAFF_SESSION_TTL: '30s' })).toThrow(/STAFF_SESSION_TTL: must be at least 60s/)
    expect(() => loadConfig({ STAFF_SESSION_TTL: 'soon' })).toThrow(/STAFF_SESSION_TTL: not a duration/)
  })
})

describe('loadConfig: after-sales', () => {
  it('defaults to the domain policy and the demo return address', () => {
    expect(loadConfig({}).afterSales).toEqual({ windowDays: 7, answerDays: 2, returnDays: 7, returnAddress: { name: 'Duet 售后组', phone: '400-000-0000', address: '上海市浦东新区演示路 1 号 售后仓' } })
  })

  it('reads the days and "name|phone|address"; refuses bad ones by name', () => {
    const c = loadConfig({ AFTER_SALES_WINDOW_DAYS: '15', AFTER_SALES_ANSWER_DAYS: '3', AFTER_SALES_RETURN_DAYS: '10', AFTER_SALES_RETURN_ADDRESS: '王五 | 021-5555 | 上海市徐汇区 1 号' })
    expect(c.afterSales).toEqual({ windowDays: 15, answerDays: 3, returnDays: 10, returnAddress: { name: '王五', phone: '021-5555', address: '上海市徐汇区 1 号' } })
    expect(() => loadConfig({ AFTER_SALES_ANSWER_DAYS: '0' })).toThrow(/AFTER_SALES_ANSWER_DAYS/)
    expect(() => loadConfig({ AFTER_SALES_WINDOW_DAYS: 'seven' })).toThrow(/AFTER_SALES_WINDOW_DAYS/)
    expect(() => loadConfig({ AFTER_SALES_RETURN_ADDRESS: '王五|021-5555' })).toThrow(/AFTER_SALES_RETURN_ADDRESS: use "name\|phone\|address"/)
  })
})
