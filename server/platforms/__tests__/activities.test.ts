import { describe, expect, it } from 'vitest'
import { fakeWechatApi, TOKEN_CALL } from './fake-wechat'
import { wechatActivities } from '../wechat/activities'
import { sandboxActivities } from '../sandbox/activities'
import { ProviderError } from '../types'

const AT = new Date('2026-12-05T04:00:00.000Z')
const CREATE = '/cgi-bin/message/wxopen/activityid/create'
const SEND = '/cgi-bin/message/wxopen/updatablemsg/send'

/** A fake api.weixin.qq.com answering from a queue ({errcode: 0} when it runs dry). */
function fakeWechat(answers: Response[]) {
  const api = fakeWechatApi(() => answers.shift() ?? Response.json({ errcode: 0, errmsg: 'ok' }), () => AT)
  return { calls: api.calls, facet: wechatActivities({ tokens: api.tokens, versionType: 'trial', fetch: api.fetch }) }
}

describe('WeChat updatable messages', () => {
  it('activityid/create: the activity_id and its expiration_time (unix seconds)', async () => {
    const { calls, facet } = fakeWechat([Response.json({ activity_id: 'A1B2C3', expiration_time: 1765000000, errcode: 0 })])
    expect(await facet.createActivityId()).toEqual({ activityId: 'A1B2C3', expiresAt: new Date(1765000000 * 1000) })
    expect(calls.map((c) => [c.path, c.query.access_token])).toEqual([[TOKEN_CALL.path, TOKEN_CALL.query.access_token], [CREATE, 'TOKEN-1']])
  })

  it('updatablemsg/send: member_count / room_limit for state 0, path / version_type for state 1', async () => {
    const { calls, facet } = fakeWechat([])
    await facet.update('A1B2C3', { state: 0, memberCount: 2, roomLimit: 3 })
    await facet.update('A1B2C3', { state: 1, path: '/pkg-growth/group/index?id=7' })
    expect(calls.filter((c) => c.path === SEND).map((c) => c.body)).toEqual([
      { activity_id: 'A1B2C3', target_state: 0, template_info: { parameter_list: [{ name: 'member_count', value: '2' }, { name: 'room_limit', value: '3' }] } },
      { activity_id: 'A1B2C3', target_state: 1, template_info: { parameter_list: [{ name: 'path', value: '/pkg-growth/group/index?id=7' }, { name: 'version_type', value: 'trial' }] } },
    ])
  })

  it('an errcode is a ProviderError; a bad token is renewed once', async () => {
    const bad = fakeWechat([Response.json({ errcode: 47001, errmsg: 'data format error' })])
    const err = await bad.facet.update('X', { state: 0, memberCount: 1, roomLimit: 2 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ProviderError)
    expect((err as Error).message).toBe('WeChat updatablemsg/send: errcode 47001 data format error')
    const renewed = fakeWechat([Response.json({ errcode: 42001, errmsg: 'expired' }), Response.json({ activity_id: 'Z', expiration_time: 1, errcode: 0 })])
    expect((await renewed.facet.createActivityId()).activityId).toBe('Z')
    expect(renewed.calls.map((c) => c.path)).toEqual(['/cgi-bin/token', CREATE, '/cgi-bin/token', CREATE])
  })

  it('the sandbox issues ids valid 24 hours and keeps what it was sent', async () => {
    const s = sandboxActivities(() => AT)
    const a = await s.createActivityId()
    expect(a.expiresAt).toEqual(new Date(AT.getTime() + 24 * 3600_000))
    await s.update(a.activityId, { state: 1, path: '/p' })
    expect(s.sent).toEqual([{ activityId: a.activityId, update: { state: 1, path: '/p' } }])
  })
})
