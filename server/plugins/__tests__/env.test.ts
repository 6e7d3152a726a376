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
