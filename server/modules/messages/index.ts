// What other modules may use of messages: they import it from here, never from its files (lint-enforced).
export { messageAdminRoutes } from './admin-routes'
export { enqueueCreditEvent, enqueueForStatus, enqueueOrderEvent, enqueueOrderMessage, listOutbox } from './outbox'
export { afterSaleDedupeKey, groupDedupeKey, type GroupMessageEvent } from './after-sale-keys'
