import type { PayParams, Platform } from '@/domain/contract'

/**
 * What POST /api/orders/:id/pay answers: the shared contract's shape for the caller's platform
 * (weapp: the five requestPayment fields, alipay: {tradeNO}, h5: the sandbox cashier). The
 * server answers only the session's platform; each adapter still checks the shape it needs.
 */
export type PaymentParams = PayParams

/**
 * How paying ended on the client. None of these is proof of payment: the order is paid only
 * when the server has a verified notify (or a query says so), so after 'submitted' and
 * 'pending' the page shows "paying" and polls GET /api/orders/:id/payment.
 */
export type PayResult =
  /** The platform says the shopper paid (WeChat success, Alipay 9000): wait for the server. */
  | { status: 'submitted' }
  /** The platform has not decided (Alipay 8000 processing, 6004 unknown): ask the server. */
  | { status: 'pending'; message: string }
  | { status: 'cancelled' }
  /** The shopper was sent to a cashier page (H5 preview): its return address brings them back, and that page asks the server. */
  | { status: 'redirected' }
  | { status: 'failed'; message: string }
  | { status: 'unavailable'; reason: string }

export interface PaymentAdapter {
  /** The platform whose parameters pay() accepts, or null when this build cannot pay. */
  platform: Platform | null
  pay(params: PaymentParams): Promise<PayResult>
}
