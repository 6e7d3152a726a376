import type { MessageTemplates, SubscriptionResultsAnswer } from '@/domain/contract'
import type { SubscribeResult } from '@/domain/messages'
import { api } from './http'

export type { MessageTemplates } from '@/domain/contract'

/** This platform's templates, the shopper's last answers and the groups still worth asking for. */
export function getMessageTemplates(): Promise<MessageTemplates> {
  return api<MessageTemplates>('GET', '/api/messages/templates')
}

/** The subscribe dialog's answer per template id (accept adds one send to the server's ledger). */
export function postSubscriptionResults(results: Record<string, SubscribeResult>): Promise<SubscriptionResultsAnswer> {
  return api<SubscriptionResultsAnswer>('POST', '/api/messages/subscriptions', { body: { results } })
}
