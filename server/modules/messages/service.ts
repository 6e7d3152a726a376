import type { MessageTemplates, Platform, SubscriptionResultsAnswer } from '../../../src/domain/contract'
import { SUBSCRIBE_MAX_IDS, groupTemplateIds, stillAsk, type SubscribeResult } from '../../../src/domain/messages'
import type { Db } from '../../db'
import { wakeConsentWaiters } from './outbox'
import { quotaOf, recordChoice } from './quota'
import { eventOf, templatesFor, type ChannelId, type ChannelKeys, type MessageConfig } from './templates'
import { createMessageWorker, type MessageWorker, type WorkerOptions } from './worker'
import type { MessagesFacet, MessagesFacets, SandboxMessagesFacet } from '../../platforms/types'

export interface MessageService {
  templates(userId: number): Promise<MessageTemplates>
  /** Records the subscribe dialog's answers; ids that aren't this platform's templates are listed in `ignored`. */
  subscribe(userId: number, results: Record<string, SubscribeResult>): Promise<SubscriptionResultsAnswer>
  worker: MessageWorker
  /** Always there: it serves the platforms without keys, and the H5 preview. */
  sandbox: SandboxMessagesFacet
  providers: Partial<Record<ChannelId, MessagesFacet>>
}

export interface MessageServiceOptions {
  config: MessageConfig
  wechat?: { appId: string; secret: string }
  alipay?: { appId: string; privateKey: string; publicKey: string }
  now: () => Date
  /** The messages facets (server/platforms): the sandbox's and the configured platforms'. */
  facets: MessagesFacets
  /** Replace providers (tests). */
  providers?: Partial<Record<ChannelId, MessagesFacet>>
  worker?: Partial<WorkerOptions>
  onError?: (err: unknown, what: string) => void
}

export function messageService(db: Db, o: MessageServiceOptions): MessageService {
  const keys: ChannelKeys = { wechat: o.wechat, alipay: o.alipay }
  const sandbox = o.facets.sandbox
  const providers: Partial<Record<ChannelId, MessagesFacet>> = { ...o.facets.byId, ...o.providers }
  const worker = createMessageWorker({ db, now: o.now, config: o.config, keys, providers, onError: o.onError, ...o.worker })

  async function platformOf(userId: number): Promise<Platform> {
    return (await db.one<{ platform: Platform }>('SELECT platform FROM users WHERE id = $1', [userId])).platform
  }

  async function templates(userId: number): Promise<MessageTemplates> {
    const platform = await platformOf(userId)
    const ids = templatesFor(platform, o.config, keys)
    const entries = Object.entries(ids) as [keyof typeof ids, string][]
    const quota = await quotaOf(db, userId, entries.map(([, id]) => id))
    const list = entries.map(([event, templateId]) => {
      const q = quota.get(templateId)
      return { event, templateId, status: q?.last_choice ?? ('none' as const), quota: q?.remaining ?? 0 }
    })
    const max = SUBSCRIBE_MAX_IDS[platform]
    return { platform, maxPerRequest: max, templates: list, groups: groupTemplateIds(list.filter((t) => stillAsk(t.status === 'none' ? null : t.status)).map((t) => t.templateId), max) }
  }

  async function subscribe(userId: number, results: Record<string, SubscribeResult>): Promise<SubscriptionResultsAnswer> {
    const platform = await platformOf(userId)
    const ids = templatesFor(platform, o.config, keys)
    const ignored: string[] = []
    await db.tx(async (q) => {
      for (const [templateId, choice] of Object.entries(results)) {
        if (!eventOf(templateId, ids)) ignored.push(templateId)
        else await recordChoice(q, userId, templateId, choice, o.now())
      }
      if (Object.values(results).includes('accept')) await wakeConsentWaiters(q, userId, o.now())
    })
    return { ...(await templates(userId)), ignored }
  }

  return { templates, subscribe, worker, sandbox, providers }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Subscription messages: templates, the quota ledger, the outbox worker and its providers. */
    messages: MessageService
  }
}
