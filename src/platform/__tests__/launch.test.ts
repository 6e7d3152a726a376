import { afterEach, describe, expect, it, vi } from 'vitest'
import { alipayScene, launchQueryValue, launchStoreValue, sceneInQueryString, weappScene } from '../launch/read'
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

describe('reading a store\'s code (st=<id>) from launch options', () => {
  it('WeChat\'s URI-encoded scene, a path\'s ?st=, Alipay\'s query or query_param; anything else: null', () => {
    expect(launchStoreValue({ query: { scene: encodeURIComponent('st=2') } })).toBe('2')
    expect(launchStoreValue({ query: { scene: 'st=2' } })).toBe('2')
    expect(launchStoreValue({ query: { st: '7' } })).toBe('7')
    expect(launchStoreValue({ query: { query_param: 'st=3' } })).toBe('3')
    expect(launchStoreValue({ query: 'st=4&x=1' })).toBe('4')
    expect(launchStoreValue({ query: { scene: 'aB3dE5gH' } })).toBeNull()
    expect(launchStoreValue({ query: { scene: '%E0%A4%A' } })).toBeNull()
    expect(launchStoreValue(null)).toBeNull()
  })

  it('weapp and alipay adapters hand it over', () => {
    vi.stubGlobal('wx', { getEnterOptionsSync: () => ({ query: { scene: 'st%3D2' } }) })
    expect(weapp.launchStore()).toBe('2')
    vi.stubGlobal('my', { getLaunchOptionsSync: () => ({ query: { st: '2' } }) })
    expect(alipay.launchStore()).toBe('2')
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
