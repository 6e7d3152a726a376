import { useMemo, useState } from 'react'
import type { GiftInput } from '@/domain/gifts'
import type { LineInput } from '@/domain/contract'
import { giftProblem, keepRecipients, recipientChoices } from './gift-rules'

/** Checkout's 送礼 switch and form: off by default; the recipients follow the lines (always a divisor of each). */
export function useGiftChoice(items: readonly LineInput[]) {
  const [on, setOn] = useState(false)
  const [draft, setDraft] = useState<GiftInput>({ message: '', recipients: 1 })
  const choices = useMemo(() => recipientChoices(items), [items])
  // The lines can change under the form (the cart reloads): a number that no longer fits falls back.
  const gift: GiftInput = { message: draft.message, recipients: keepRecipients(draft.recipients, choices) }
  const problem = on ? giftProblem(gift, items) : null
  /** What POST /api/orders gets: the message trimmed (an empty one is fine). */
  const input: GiftInput | undefined = on ? { message: gift.message.trim(), recipients: gift.recipients } : undefined
  return { on, toggle: () => setOn((v) => !v), gift, setGift: setDraft, choices, problem, input }
}
