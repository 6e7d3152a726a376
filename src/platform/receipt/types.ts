import type { ReceiptMode } from '@/domain/shipping'

export type { ReceiptMode }

/**
 * How the shopper's side of confirming receipt ended. 'confirmed' is never the verdict: the app
 * then POSTs /api/orders/:id/confirm, and for WeChat-managed orders the server asks WeChat.
 */
export type ReceiptResult =
  | { status: 'confirmed' }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string }
  /** Sandbox server: the caller opens the in-app sandbox receipt page (route.sandboxReceipt). */
  | { status: 'sandbox' }

export interface ReceiptAdapter {
  confirmReceipt(mode: ReceiptMode): Promise<ReceiptResult>
}
