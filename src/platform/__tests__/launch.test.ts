import { afterEach, describe, expect, it, vi } from 'vitest'
import { alipayScene, launchQueryValue, sceneInQueryString, weappScene } from '../launch/read'
import { launchAdapter as weapp } from '../launch/index.weapp'
import { launchAdapter as alipay } from '../launch/index.alipay'

afterEach(() => vi.unstubAllGlobals())

describe('reading the scene from launch options', () => {
  it('WeChat: query.scene from a code, URI-encoded or not', () => {
    expect(weappScene({ query: { scene: 'aB3dE5gH' } })).toBe('aB3dE5gH')
    expect(weappScene({ query: { scene: encodeURIComponent('scene=aB3dE5gH') } })).toBe('aB3dE5gH')
    expect(weappScene({ query: {} })).toBeNull()
    expect(weappScene({ query: { scene: 'not-a-scene!' } })).toBeNull()
    expect(weappScene(null)).toBeNull()
  })

  it('Alipay: query.scene, query.query_param, or the query as a string', () => {
    expect(alipayScene({ query: { scene: 'aB3dE5gH' } })).toBe('aB3dE5gH')
    expect(alipayScene({ query: { query_param: 'scene=aB3dE5gH' } })).toBe('aB3dE5gH')
    expect(alipayScene({ query: 'scene=aB3dE5gH&x=1' })).toBe('aB3dE5gH')
    expect(alipayScene({ query: null })).toBeNull()
  })

  it('a query string: ?scene= among other keys', () => {
    expect(sceneInQueryString('?id=3&scene=aB3dE5gH')).toBe('aB3dE5gH')
    expect(sceneInQueryString('id=3')).toBeNull()
  })
})

describe('reading the invite code (?invite=) from launch options', () => {
  it('the query object (WeChat, Alipay), Alipay\'s query string or query_param; absent or empty: null', () => {
    expect(launchQueryValue({ query: { invite: 'Ab12cd', scene: 'x' } }, 'invite')).toBe('Ab12cd')
    expect(launchQueryValue({ query: 'scene=aB3dE5gH&invite=Ab12cd' }, 'invite')).toBe('Ab12cd')
    expect(launchQueryValue({ query: { query_param: 'invite=Ab12cd' } }, 'invite')).toBe('Ab12cd')
    expect(launchQueryValue({ query: { invite: '' } }, 'invite')).toBeNull()
    expect(launchQueryValue({ query: null }, 'invite')).toBeNull()
    expect(launchQueryValue(null, 'invite')).toBeNull()
  })
})

describe('launch adapters', () => {
  it('weapp prefers the enter options (a warm start from a new code) over the launch options', () => {
    vi.stubGlobal('wx', { getEnterOptionsSync: () => ({ query: { scene: 'Enter123' } }), getLaunchOptionsSync: () => ({ query: { scene: 'Launch12' } }) })
    expect(weapp.launchScene()).toBe('Enter123')
    vi.stubGlobal('wx', { getLaunchOptionsSync: () => ({ query: { scene: 'Launch12' } }) })
    expect(weapp.launchScene()).toBe('Launch12')
    vi.stubGlobal('wx', { getEnterOptionsSync: () => ({ query: { invite: 'Ab12cd' } }) })
    expect(weapp.launchInvite()).toBe('Ab12cd')
    expect(weapp.launchScene()).toBeNull()
  })

  it('alipay reads my.getEnterOptionsSync / getLaunchOptionsSync and survives a throwing host', () => {
    vi.stubGlobal('my', { getLaunchOptionsSync: () => ({ query: { scene: 'Launch12' } }) })
    expect(alipay.launchScene()).toBe('Launch12')
    vi.stubGlobal('my', {
      getEnterOptionsSync: () => {
        throw new Error('old host')
      },
    })
    expect(alipay.launchScene()).toBeNull()
  })
})
