import type { SubscribeAdapter, SubscribeDecision } from './types'

// The H5 preview runs only against the sandbox (no live login there) and has no subscribe
// dialog. It plays a shopper who allows every template, so the sandbox provider records what
// a platform would have sent (GET /api/admin/messages). It answers before the page leaves for
// the cashier: nothing comes back to this page after it.
// Typed as the interface for callers (so they see every status); `satisfies` still rejects extra or missing members.
export const subscribeAdapter: SubscribeAdapter = {
  maxPerCall: 5,
  askAfterPay: false,
  request: async (templateIds: string[]) => ({
    status: 'ok',
    decisions: Object.fromEntries(templateIds.slice(0, 5).map((id): [string, SubscribeDecision] => [id, 'accept'])),
  }),
} satisfies SubscribeAdapter
