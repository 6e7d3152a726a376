import { AppError } from '../../lib/errors'
import type { CodeRequest, CodesFacet, CodesFacets } from '../../platforms/types'
import { DiskCodes, LruBytes } from './cache'

export type CodeFacetName = keyof CodesFacets

export interface CodesDeps {
  facets: CodesFacets
  /** Where codes are kept across restarts (DATA_DIR/codes). */
  dir: string
  maxEntries?: number
  maxBytes?: number
  onError?: (err: unknown, what: string) => void
}

export const codeUnavailable = () => new AppError(502, 'CODE_UNAVAILABLE', '小程序码暂时无法生成，请稍后再试')

/**
 * Mini-program codes, each drawn once: memory (LRU), then disk, then the platform. Concurrent
 * misses for the same key share one platform call. A failed call caches nothing and answers
 * 502 CODE_UNAVAILABLE (the next request asks again).
 */
export function codesService(deps: CodesDeps) {
  const memory = new LruBytes(deps.maxEntries ?? 1000, deps.maxBytes ?? 50 * 1024 * 1024)
  const disk = new DiskCodes(deps.dir)
  const inflight = new Map<string, Promise<Buffer>>()

  async function draw(facet: CodesFacet, key: string, req: CodeRequest): Promise<Buffer> {
    const stored = await disk.get(key)
    if (stored) {
      memory.set(key, stored)
      return stored
    }
    let png: Buffer
    try {
      png = await facet.create(req)
    } catch (err) {
      deps.onError?.(err, `${facet.id} code for ${req.page}?scene=${req.scene}`)
      throw codeUnavailable()
    }
    memory.set(key, png)
    // The disk copy is a convenience: a full disk must not fail the answer we already have.
    await disk.put(key, png).catch((err) => deps.onError?.(err, 'writing a code to disk'))
    return png
  }

  return {
    /** The PNG for (facet, page, scene, width). */
    async code(name: CodeFacetName, req: CodeRequest): Promise<Buffer> {
      const key = `${name}|${req.page}|${req.scene}|${req.width ?? ''}`
      const hit = memory.get(key)
      if (hit) return hit
      let p = inflight.get(key)
      if (!p) {
        p = draw(deps.facets[name], key, req).finally(() => inflight.delete(key))
        inflight.set(key, p)
      }
      return p
    },
  }
}

export type CodesService = ReturnType<typeof codesService>
