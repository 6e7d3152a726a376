import { afterEach, describe, expect, it, vi } from 'vitest'
import { alipayScene, sceneInQueryString, weappScene } from '../launch/read'
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

describe('launch adapters', () => {
  it('weapp prefers the enter options (a warm start from a new code) over the launch options', () => {
    vi.stubGlobal('wx', { getEnterOptionsSync: () => ({ query: { scene: 'Enter123' } }), getLaunchOptionsSync: () => ({ query: { scene: 'Launch12' } }) })
    expect(weapp.launchScene()).toBe('Enter123')
    vi.stubGlobal('wx', { getLaunchOptionsSync: () => ({ query: { scene: 'Launch12' } }) })
    expect(weapp.launchScene()).toBe('Launch12')
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
