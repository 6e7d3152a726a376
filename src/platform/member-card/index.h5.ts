import { sandboxResult, UNSUPPORTED, type MemberCardAdapter } from './types'

export type { MemberCardAdapter, OpenCardResult, OpenCardStep } from './types'

// A browser has no card pack: only the sandbox page (which plays both platforms' sheets) opens a card.
export const memberCardAdapter: MemberCardAdapter = {
  openCard: async (step) => (step.kind === 'sandbox' ? sandboxResult(step.path) : UNSUPPORTED),
} satisfies MemberCardAdapter
