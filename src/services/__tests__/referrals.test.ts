import { beforeEach, describe, expect, it } from 'vitest'
import Taro from '@tarojs/taro'
import { resetTaroShim, setRequestHandler, type RequestHandler } from '../../../test/shims/taro'
import { useSession } from '@/store/session'
import { noteInvite, parseInviteCode } from '../referrals'

type Req = Parameters<RequestHandler>[0]
let requests: Req[]
let answer: { statusCode: number; data: unknown }
const session = { token: 'tok-1', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { id: 1, nickname: '小明', avatar: null, platform: 'weapp' as const } }
const accepts = () => requests.filter((r) => r.url.endsWith('/api/referrals/accept'))
const settle = () => new Promise((r) => setTimeout(r, 0))

beforeEach(() => {
  resetTaroShim()
  useSession.getState().signOut()
  requests = []
  answer = { statusCode: 200, data: { accepted: true } }
  setRequestHandler((r) => {
    requests.push(r)
    if (r.url.endsWith('/api/referrals/accept')) return answer
    if (r.url.endsWith('/api/attribution')) return { statusCode: 200, data: { scene: null } }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: 'no' } }
  })
})

describe('invite codes (老带新)', () => {
  it('only short URL-safe codes count, encoded or not', () => {
    expect(parseInviteCode('Ab12cd')).toBe('Ab12cd')
    expect(parseInviteCode(encodeURIComponent('Ab12cd'))).toBe('Ab12cd')
    expect(parseInviteCode('a b')).toBeNull()
    expect(parseInviteCode('%E0%A4%A')).toBeNull()
    expect(parseInviteCode(undefined)).toBeNull()
  })

  it('a guest keeps the code; login posts it once and clears it', async () => {
    expect(await noteInvite('Ab12cd')).toBeNull()
    expect(accepts()).toHaveLength(0)
    expect(Taro.getStorageSync('duet-pending-invite')).toBe('Ab12cd')
    useSession.getState().signIn(session)
    await settle()
    await settle()
    expect(accepts().map((r) => [r.data, r.header?.authorization])).toEqual([[{ code: 'Ab12cd' }, 'Bearer tok-1']])
    expect(Taro.getStorageSync('duet-pending-invite')).toBe('')
    // The app showing again with the same launch options: not posted again.
    expect(await noteInvite('Ab12cd')).toBeNull()
    expect(accepts()).toHaveLength(1)
  })

  it('signed in: posted at once; a network failure keeps it for next time, a 4xx drops it', async () => {
    useSession.getState().signIn(session)
    answer = { statusCode: 503, data: { code: 'DOWN', message: 'down' } }
    expect(await noteInvite('Net999')).toBeNull()
    expect(Taro.getStorageSync('duet-pending-invite')).toBe('Net999')
    answer = { statusCode: 400, data: { code: 'BAD', message: 'bad' } }
    expect(await noteInvite('Net999')).toBeNull()
    expect(Taro.getStorageSync('duet-pending-invite')).toBe('')
    answer = { statusCode: 200, data: { accepted: false } }
    expect(await noteInvite('Own123')).toBe(false)
  })
})
