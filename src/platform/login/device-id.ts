import Taro from '@tarojs/taro'

/** Where the mini-program keeps its device id (its own storage, like the session). */
export const DEVICE_ID_KEY = 'duet-device-id'
const VALID = /^[A-Za-z0-9_-]{16,64}$/

function randomId(): string {
  const bytes = new Uint8Array(16)
  const c = (globalThis as { crypto?: { getRandomValues?(a: Uint8Array): Uint8Array } }).crypto
  if (c?.getRandomValues) c.getRandomValues(bytes)
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256)
  return `d${Date.now().toString(36)}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/**
 * A random id for this installation (in an IDE: this IDE's project), made once and kept in
 * storage. It goes with every login code: a live server ignores it; a sandbox server (no
 * merchant keys) can't trade an IDE's code for a real openid / user id, so it makes each
 * device one sandbox shopper. It names no person and carries nothing of the host.
 */
export function deviceId(): string {
  try {
    const kept: unknown = Taro.getStorageSync(DEVICE_ID_KEY)
    if (typeof kept === 'string' && VALID.test(kept)) return kept
  } catch {
    // Storage unreadable: a fresh id below.
  }
  const id = randomId()
  try {
    Taro.setStorageSync(DEVICE_ID_KEY, id)
  } catch {
    // Not kept: the sandbox sees a new shopper next time; a live server doesn't care.
  }
  return id
}
