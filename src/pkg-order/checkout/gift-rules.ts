import { checkGift, MAX_GIFT_MESSAGE, MAX_GIFT_RECIPIENTS, type GiftInput, type GiftLine } from '@/domain/gifts'

/**
 * How many recipients a gift of these lines can have: every recipient gets the same share, so
 * only numbers that divide every line's quantity (and at most MAX_GIFT_RECIPIENTS). 1 always fits.
 */
export function recipientChoices(lines: readonly GiftLine[]): number[] {
  const choices: number[] = []
  for (let n = 1; n <= MAX_GIFT_RECIPIENTS; n++) if (lines.every((l) => l.quantity % n === 0)) choices.push(n)
  return choices
}

/** The stepper's next value: the nearest allowed number in that direction, or the same at a bound. */
export function stepRecipients(current: number, direction: 1 | -1, choices: readonly number[]): number {
  const next = direction > 0 ? choices.find((n) => n > current) : [...choices].reverse().find((n) => n < current)
  return next ?? current
}

/** Still allowed after the lines changed (cart edited, quantity changed)? Else back to the largest that fits. */
export function keepRecipients(current: number, choices: readonly number[]): number {
  if (choices.includes(current)) return current
  return [...choices].reverse().find((n) => n < current) ?? 1
}

/** 已输入 / 上限, counted in characters as the server counts them (an emoji is one). */
export function messageCounter(message: string): string {
  return `${[...message].length}/${MAX_GIFT_MESSAGE}`
}

/** What blocks placing the gift, as the server would say it (checkGift), or null. */
export function giftProblem(gift: GiftInput, lines: readonly GiftLine[]): string | null {
  const check = checkGift({ message: gift.message.trim(), recipients: gift.recipients }, lines)
  return check.ok ? null : check.message
}
