/** A key the server uses to recognise a repeated submit of the same checkout (<= 64 chars). */
export function newIdempotencyKey(now = Date.now(), random = Math.random): string {
  const rand = Array.from({ length: 3 }, () => Math.floor(random() * 0x100000000).toString(36)).join('')
  return `co-${now.toString(36)}-${rand}`.slice(0, 64)
}
