import { sandboxResult, UNSUPPORTED, type MemberCardAdapter } from './types'

export type { MemberCardAdapter, OpenCardResult, OpenCardStep } from './types'

// Neutral default: Taro picks index.weapp.ts / index.alipay.ts / index.h5.ts for a real build.
export const memberCardAdapter: MemberCardAdapter = {
  openCard: async (step) => (step.kind === 'sandbox' ? sandboxResult(step.path) : UNSUPPORTED),
} satisfies MemberCardAdapter
