/**
 * The order (or product) the shopper asks about: WeChat shows it as the session's message card
 * (button open-type="contact" show-message-card / send-message-title / -path / -img).
 */
export interface ServiceCard {
  title: string
  /** A page path in this mini-program, with its query ("pkg-order/order-detail/index?id=7"). */
  path: string
  image?: string
}

export interface ServiceEntryProps {
  card?: ServiceCard
  /** WeChat's session-from: where the chat started ("order:2024…"), sent to the service backend. */
  sessionFrom?: string
  className?: string
}

/** Build-time configuration (config/index.ts defineConstants; README lists them). */
export interface ServiceConfig {
  wecomUrl: string
  wecomCorpId: string
  alipayTntInstId: string
  alipayScene: string
  phone: string
}
