/** A cart holds at most this many different SKUs (a checkout takes at most 50 lines). */
export const MAX_CART_LINES = 100
