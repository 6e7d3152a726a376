import { beforeEach, describe, expect, it } from 'vitest'
import Taro from '@tarojs/taro'
import { resetTaroShim, setRequestHandler, type RequestHandler } from '../../../test/shims/taro'
import { useSession } from '@/store/session'
import { attributeScene, myShareScene } from '../attribution'

type Req = Parameters<RequestHandler>[0]
let requests: Req[]
const session = { token: 'tok-1', expiresAt: new Date(Date.now() + 60_000).toISOString(), user: { id: 1, nickname: '小明', avatar: null, platform: 'weapp' as const } }
const known = (scene: string, signed: boolean) => ({ scene, productId: 3, storeId: null, channel: 'share', recorded: signed, bound: signed })
const attributions = () => requests.filter((r) => r.url.endsWith('/api/attribution'))

beforeEach(() => {
  resetTaroShim()
  useSession.getState().signOut()
  requests = []
  setRequestHandler((r) => {
    requests.push(r)
    if (r.url.endsWith('/api/attribution')) {
      const scene = (r.data as { scene: string }).scene
      return { statusCode: 200, data: scene === 'Unknown1' ? { scene: null, productId: null, storeId: null, channel: null, recorded: false, bound: false } : known(scene, Boolean(r.header?.authorization)) }
    }
    if (r.url.endsWith('/api/scenes')) return { statusCode: 200, data: { scene: 'Mine1234' } }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: 'no' } }
  })
})

const settle = () => new Promise((r) => setTimeout(r, 0))

describe('attribution', () => {
  it('a guest’s scene is posted, kept pending, and posted again right after login', async () => {
    await attributeScene(encodeURIComponent('Guest123'))
    expect(attributions().map((r) => r.data)).toEqual([{ scene: 'Guest123' }])
    expect(Taro.getStorageSync('duet-pending-scene')).toBe('Guest123')
    useSession.getState().signIn(session)
    await settle()
    await settle()
    expect(attributions()).toHaveLength(2)
    expect(attributions()[1].header?.authorization).toBe('Bearer tok-1')
    expect(Taro.getStorageSync('duet-pending-scene')).toBe('')
  })

  it('signed in: posted once per run, however many pages carry it', async () => {
    useSession.getState().signIn(session)
    await attributeScene('Once1234')
    await attributeScene('Once1234')
    expect(attributions().filter((r) => (r.data as { scene: string }).scene === 'Once1234')).toHaveLength(1)
  })

  it('an unknown scene is dropped silently; something that isn’t a scene is never sent', async () => {
    expect(await attributeScene('Unknown1')).toMatchObject({ scene: null })
    expect(Taro.getStorageSync('duet-pending-scene')).toBe('')
    expect(await attributeScene('../../etc')).toBeNull()
    expect(attributions()).toHaveLength(1)
  })

  it('share scenes: none for guests, fetched once per product when signed in', async () => {
    expect(await myShareScene(3)).toBeNull()
    useSession.getState().signIn(session)
    expect(await myShareScene(3)).toBe('Mine1234')
    expect(await myShareScene(3)).toBe('Mine1234')
    expect(requests.filter((r) => r.url.endsWith('/api/scenes'))).toHaveLength(1)
    expect(requests.find((r) => r.url.endsWith('/api/scenes'))?.data).toEqual({ productId: 3, channel: 'share' })
  })
})
