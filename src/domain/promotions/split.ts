/**
 * Splitting an amount of fen over weights (line costs) so the shares add up exactly.
 * Shared by the promotions engine (a discount over its lines) and refunds (an order discount
 * over the order's lines): both must split the same way or a refund would not match what the
 * order said each line cost.
 */
import type { Fen } from '../money'

/**
 * Splits `amount` in proportion to `weights`: each share is the floor of its exact share,
 * and the fen left over go one each to the largest remainders (then the larger weight, then
 * the earlier index). Remainders are compared as integers, never as floats, so the result is
 * the same on every engine.
 */
export function allocate(amount: Fen, weights: readonly number[]): Fen[] {
  const n = weights.length
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be a non-negative integer number of fen, got ${amount}`)
  let total = 0
  let maxWeight = 0
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`weights must be non-negative integers, got ${w}`)
    total += w
    if (w > maxWeight) maxWeight = w
  }
  const shares = new Array<number>(n).fill(0)
  if (amount === 0) return shares
  if (total === 0) throw new RangeError('cannot split an amount over weights that are all zero')
  if (n === 1) {
    shares[0] = amount
    return shares
  }
  const rems = new Array<number>(n)
  let left = amount
  if (Number.isSafeInteger(total) && amount * maxWeight <= Number.MAX_SAFE_INTEGER) {
    for (let i = 0; i < n; i++) {
      const p = amount * weights[i]
      const q = Math.floor(p / total)
      shares[i] = q
      rems[i] = p - q * total
      left -= q
    }
  } else {
    // Big orders: the products no longer fit a double exactly.
    const a = BigInt(amount)
    const t = BigInt(total)
    const big: bigint[] = []
    for (let i = 0; i < n; i++) {
      const p = a * BigInt(weights[i])
      const q = p / t
      shares[i] = Number(q)
      big.push(p - q * t)
      left -= shares[i]
    }
    // Ranks are what matter: replace each remainder by its rank among them.
    const order = big.map((_, i) => i).sort((x, y) => (big[x] < big[y] ? -1 : big[x] > big[y] ? 1 : 0))
    let rank = 0
    for (let k = 0; k < n; k++) {
      if (k > 0 && big[order[k]] !== big[order[k - 1]]) rank++
      rems[order[k]] = rank
    }
  }
  if (left === 0) return shares
  // The `left` best remainders, kept in order in a small buffer: cheaper than sorting all n,
  // and this runs for every discount of every price. Indices arrive in increasing order, so an
  // equal later one never displaces an earlier one.
  const top: number[] = []
  let count = 0
  for (let i = 0; i < n; i++) {
    if (count === left && !ranksBefore(i, top[left - 1], rems, weights)) continue
    let k = count < left ? count++ : left - 1
    if (k === top.length) top.push(i)
    while (k > 0 && ranksBefore(i, top[k - 1], rems, weights)) {
      top[k] = top[k - 1]
      k--
    }
    top[k] = i
  }
  for (let k = 0; k < left; k++) shares[top[k]] += 1
  return shares
}

/** Larger remainder first, then the larger weight, then the earlier index (i > j here). */
function ranksBefore(i: number, j: number, rems: readonly number[], weights: readonly number[]): boolean {
  return rems[i] > rems[j] || (rems[i] === rems[j] && weights[i] > weights[j])
}
