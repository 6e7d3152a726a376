import type { LocateResult, LocationAdapter, MapPlace } from './types'

export type { LocateResult, LocationAdapter, MapPlace } from './types'

interface MyFail {
  error?: number
  errorMessage?: string
}
declare const my: {
  getLocation(o: { type: 0; success(res: { latitude: string | number; longitude: string | number }): void; fail(err: MyFail): void }): void
  openLocation(o: { latitude: string; longitude: string; name: string; address: string; scale: number; success(): void; fail(err: MyFail): void }): void
}

/**
 * my.getLocation error codes: 11 the location permission is off (system or Alipay level),
 * 2001 the shopper refused this mini-program; 12 network, 13 positioning failed, 14 timed out.
 */
const REFUSED = new Set([11, 2001])

function locate(): Promise<LocateResult> {
  return new Promise((resolve) => {
    my.getLocation({
      // type 0: coordinates only (GCJ-02); latitude/longitude may come as strings.
      type: 0,
      success: (res) => resolve({ lat: Number(res.latitude), lng: Number(res.longitude) }),
      fail: (err) => resolve(REFUSED.has(Number(err.error)) ? { refused: true } : { failed: err.errorMessage || '定位失败，请稍后重试' }),
    })
  })
}

export const locationAdapter: LocationAdapter = {
  locate,
  openInMap: (p: MapPlace) =>
    new Promise<void>((resolve) => {
      // my.openLocation takes latitude and longitude as strings.
      my.openLocation({ latitude: String(p.lat), longitude: String(p.lng), name: p.name, address: p.address, scale: 16, success: () => resolve(), fail: () => resolve() })
    }),
  // Code 11 is mostly the phone's or Alipay's own switch, which a mini-program page can't open: the city list stays.
  canReopenSettings: false,
  reopenSettings: async () => false,
} satisfies LocationAdapter
