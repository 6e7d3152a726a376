// What other modules may use of payments: they import it from here, never from its files (lint-enforced).
export { paidPaymentOf, refundedWith } from './paid'
export type { PaidPayment } from './paid'
export type { RefundService } from './refunds'
