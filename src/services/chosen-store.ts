import Taro from '@tarojs/taro'

// The chosen store lives in storage, not in a module variable: it outlives a restart (a store's
// code opens the app once; the pickup comes days later), and the launch, the store pages and
// checkout sit in different packages.
const CHOSEN_KEY = 'duet-chosen-store'

export function parseStoreId(raw: unknown): number | null {
  const id = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : NaN
  return Number.isInteger(id) && id > 0 ? id : null
}

/** The store the shopper chose last (a store's code, the store list, checkout), or null. */
export function chosenStore(): number | null {
  try {
    return parseStoreId(Taro.getStorageSync(CHOSEN_KEY))
  } catch {
    return null
  }
}

/** Remembers a store; anything that is not a store id is ignored. */
export function rememberStore(raw: unknown): void {
  const id = parseStoreId(raw)
  if (id === null) return
  try {
    Taro.setStorageSync(CHOSEN_KEY, String(id))
  } catch {
    // Storage unavailable: the shopper picks the store again, nothing else is lost.
  }
}

// The store picker (the store list opened from checkout) hands the picked store back once,
// like the address list does.
const PICKED_KEY = 'duet-picked-store'

export function pickStore(id: number): void {
  rememberStore(id)
  Taro.setStorageSync(PICKED_KEY, String(id))
}

/** The store picked since the last call, once. */
export function takePickedStore(): number | null {
  const id = parseStoreId(Taro.getStorageSync(PICKED_KEY))
  if (id !== null) Taro.removeStorageSync(PICKED_KEY)
  return id
}
