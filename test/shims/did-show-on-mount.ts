import { useEffect } from 'react'
import type * as TaroShim from './taro'

/**
 * The Taro shim with `useDidShow` running its callback once on mount (the plain shim's
 * does nothing), for page tests that load on show. Use it as the mock factory:
 *   vi.mock('@tarojs/taro', async (importOriginal) =>
 *     (await import('<path>/test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))
 * (vi.mock is hoisted above imports, so the helper is imported inside the factory.)
 */
export async function withDidShowOnMount(importOriginal: <T = unknown>() => Promise<T>) {
  const mod = await importOriginal<typeof TaroShim>()
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const useDidShow = (cb: () => void) => useEffect(() => cb(), [])
  return { ...mod, default: { ...mod.default, useDidShow }, useDidShow }
}
