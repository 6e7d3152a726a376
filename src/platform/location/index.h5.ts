import type { LocateResult, LocationAdapter, MapPlace } from './types'

export type { LocateResult, LocationAdapter, MapPlace } from './types'

const TIMEOUT_MS = 8000

// The browser's position is WGS-84 while the stores are GCJ-02: a few hundred metres off in
// mainland China, fine for ordering the list in the preview.
function locate(): Promise<LocateResult> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve({ failed: '浏览器不支持定位' })
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (pos) => resolve({ lat: pos.coords.latitude, lng: pos.coords.longitude }),
      (err) => resolve(err.code === err.PERMISSION_DENIED ? { refused: true } : { failed: '定位失败，请稍后重试' }),
      { timeout: TIMEOUT_MS, maximumAge: 60_000 },
    )
  })
}

export const locationAdapter: LocationAdapter = {
  locate,
  openInMap: async (p: MapPlace) => {
    // Amap's URI API marker page takes GCJ-02 "lng,lat".
    const url = `https://uri.amap.com/marker?position=${p.lng},${p.lat}&name=${encodeURIComponent(p.name)}&src=duet&coordinate=gaode&callnative=0`
    window.open(url, '_blank')
  },
  canReopenSettings: false,
  reopenSettings: async () => false,
} satisfies LocationAdapter
