import type { LocateResult, LocationAdapter, MapPlace } from './types'

export type { LocateResult, LocationAdapter, MapPlace } from './types'

interface WxFail {
  errMsg?: string
}
declare const wx: {
  getLocation(o: { type: 'gcj02'; success(res: { latitude: number; longitude: number }): void; fail(err: WxFail): void }): void
  openLocation(o: { latitude: number; longitude: number; name: string; address: string; scale: number; success(): void; fail(err: WxFail): void }): void
  openSetting(o: { success(res: { authSetting: Record<string, boolean> }): void; fail(err: WxFail): void }): void
}

// wx.getLocation needs `requiredPrivateInfos: ['getLocation']` and `permission['scope.userLocation'].desc`
// in app.json (src/app.config.ts adds both on weapp). type 'gcj02': the coordinates openLocation wants.
function locate(): Promise<LocateResult> {
  return new Promise((resolve) => {
    wx.getLocation({
      type: 'gcj02',
      success: (res) => resolve({ lat: res.latitude, lng: res.longitude }),
      // "getLocation:fail auth deny" (refused now or before), "…:fail authorize no response",
      // "…:fail system permission denied" (WeChat itself has no location): all are a refusal to the shopper.
      fail: (err) => resolve(/auth|permission|deny/i.test(err.errMsg ?? '') ? { refused: true } : { failed: '定位失败，请稍后重试' }),
    })
  })
}

export const locationAdapter: LocationAdapter = {
  locate,
  openInMap: (p: MapPlace) =>
    new Promise<void>((resolve) => {
      // wx.openLocation: latitude, longitude (gcj02), name, address, scale 5–18.
      wx.openLocation({ latitude: p.lat, longitude: p.lng, name: p.name, address: p.address, scale: 16, success: () => resolve(), fail: () => resolve() })
    }),
  canReopenSettings: true,
  // wx.openSetting answers the authSetting after the shopper leaves the page.
  reopenSettings: () =>
    new Promise<boolean>((resolve) => {
      wx.openSetting({ success: (res) => resolve(res.authSetting['scope.userLocation'] === true), fail: () => resolve(false) })
    }),
} satisfies LocationAdapter
