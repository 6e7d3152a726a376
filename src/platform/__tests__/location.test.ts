import { afterEach, describe, expect, it, vi } from 'vitest'
import { locationAdapter as weapp } from '../location/index.weapp'
import { locationAdapter as alipay } from '../location/index.alipay'

afterEach(() => vi.unstubAllGlobals())

type Opts = { success(r: unknown): void; fail(e: unknown): void }

/** A host whose getLocation answers once with success or fail. */
const host = (answer: { ok: unknown } | { fail: unknown }, more: Record<string, unknown> = {}) => ({
  getLocation: (o: Opts) => ('ok' in answer ? o.success(answer.ok) : o.fail(answer.fail)),
  ...more,
})

describe('location on WeChat', () => {
  it('asks for gcj02 and answers the position', async () => {
    const getLocation = vi.fn((o: Opts & { type: string }) => o.success({ latitude: 31.2, longitude: 121.4 }))
    vi.stubGlobal('wx', { getLocation })
    await expect(weapp.locate()).resolves.toEqual({ lat: 31.2, lng: 121.4 })
    expect(getLocation.mock.calls[0][0].type).toBe('gcj02')
  })

  it('auth deny (now or before) and a system refusal are `refused`; anything else `failed`', async () => {
    vi.stubGlobal('wx', host({ fail: { errMsg: 'getLocation:fail auth deny' } }))
    await expect(weapp.locate()).resolves.toEqual({ refused: true })
    vi.stubGlobal('wx', host({ fail: { errMsg: 'getLocation:fail system permission denied' } }))
    await expect(weapp.locate()).resolves.toEqual({ refused: true })
    vi.stubGlobal('wx', host({ fail: { errMsg: 'getLocation:fail timeout' } }))
    await expect(weapp.locate()).resolves.toHaveProperty('failed')
  })

  it('openSetting answers whether location is allowed afterwards', async () => {
    vi.stubGlobal('wx', { openSetting: (o: Opts) => o.success({ authSetting: { 'scope.userLocation': true } }) })
    await expect(weapp.reopenSettings()).resolves.toBe(true)
    vi.stubGlobal('wx', { openSetting: (o: Opts) => o.success({ authSetting: {} }) })
    await expect(weapp.reopenSettings()).resolves.toBe(false)
  })
})

describe('location on Alipay', () => {
  it('type 0; string coordinates become numbers', async () => {
    vi.stubGlobal('my', host({ ok: { latitude: '30.25', longitude: '120.16' } }))
    await expect(alipay.locate()).resolves.toEqual({ lat: 30.25, lng: 120.16 })
  })

  it('11 (location off) and 2001 (refused this mini-program) are `refused`; 12/13/14 `failed`', async () => {
    for (const error of [11, 2001]) {
      vi.stubGlobal('my', host({ fail: { error, errorMessage: 'x' } }))
      await expect(alipay.locate()).resolves.toEqual({ refused: true })
    }
    for (const error of [12, 13, 14]) {
      vi.stubGlobal('my', host({ fail: { error, errorMessage: '定位超时' } }))
      await expect(alipay.locate()).resolves.toEqual({ failed: '定位超时' })
    }
  })

  it('openLocation gets the coordinates as strings', async () => {
    const openLocation = vi.fn((o: { success(): void }) => o.success())
    vi.stubGlobal('my', { openLocation })
    await alipay.openInMap({ lat: 31.2, lng: 121.4, name: '店', address: '路' })
    expect(openLocation.mock.calls[0][0]).toMatchObject({ latitude: '31.2', longitude: '121.4', name: '店', address: '路' })
  })
})

describe('location in the H5 preview', () => {
  const geo = (answer: (ok: PositionCallback, fail: PositionErrorCallback) => void) =>
    vi.stubGlobal('navigator', { geolocation: { getCurrentPosition: vi.fn((ok: PositionCallback, fail: PositionErrorCallback, o: PositionOptions) => (o.timeout ? answer(ok, fail) : undefined)) } })

  it('the browser position; a denied permission is `refused`, a timeout `failed`', async () => {
    const { locationAdapter: h5 } = await import('../location/index.h5')
    geo((ok) => ok({ coords: { latitude: 31.2, longitude: 121.4 } } as GeolocationPosition))
    await expect(h5.locate()).resolves.toEqual({ lat: 31.2, lng: 121.4 })
    geo((_, fail) => fail({ code: 1, PERMISSION_DENIED: 1 } as GeolocationPositionError))
    await expect(h5.locate()).resolves.toEqual({ refused: true })
    geo((_, fail) => fail({ code: 3, PERMISSION_DENIED: 1 } as GeolocationPositionError))
    await expect(h5.locate()).resolves.toHaveProperty('failed')
  })
})
