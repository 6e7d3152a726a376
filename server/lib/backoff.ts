/** The delay before attempt n+1 after n failed ones: base, 2·base, 4·base … capped (the message and shipping outboxes). */
export function backoff(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1))
}
