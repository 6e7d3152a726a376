import { ProviderError, type ActivitiesFacet, type ActivityUpdate } from '../types'
import { WECHAT_API } from './core'
import type { TokenSource } from './messages'
import { wechatTokenCall } from './token-call'

export interface WechatActivitiesOptions {
  tokens: TokenSource
  /** version_type of target_state 1 (the version "进入" opens): WECHAT_CODE_ENV's release | trial | develop. */
  versionType: 'release' | 'trial' | 'develop'
  fetch?: typeof fetch
}

/**
 * WeChat's updatable messages:
 * - GET /cgi-bin/message/wxopen/activityid/create?access_token=… → {activity_id, expiration_time (unix seconds), errcode}
 * - POST /cgi-bin/message/wxopen/updatablemsg/send?access_token=… with {activity_id, target_state (0 | 1),
 *   template_info: {parameter_list: [{name, value}]}}: member_count and room_limit for state 0, path and
 *   version_type for state 1 (state 1 is final) → {errcode, errmsg}.
 */
export function wechatActivities(o: WechatActivitiesOptions): ActivitiesFacet {
  const fetchImpl = o.fetch ?? fetch

  const withToken = wechatTokenCall(o.tokens)

  const params = (u: ActivityUpdate) =>
    u.state === 0
      ? [
          { name: 'member_count', value: String(u.memberCount) },
          { name: 'room_limit', value: String(u.roomLimit) },
        ]
      : [
          { name: 'path', value: u.path },
          { name: 'version_type', value: o.versionType },
        ]

  return {
    id: 'wechat',
    sandbox: false,
    async createActivityId() {
      const r = await withToken<{ activity_id?: string; expiration_time?: number; errcode?: number; errmsg?: string }>('activityid/create', (token) =>
        fetchImpl(`${WECHAT_API}/cgi-bin/message/wxopen/activityid/create?access_token=${encodeURIComponent(token)}`, { signal: AbortSignal.timeout(10_000) }),
      )
      if (!r.activity_id) throw new ProviderError('WeChat activityid/create: no activity_id')
      return { activityId: r.activity_id, expiresAt: new Date((r.expiration_time ?? 0) * 1000) }
    },
    async update(activityId, u) {
      await withToken('updatablemsg/send', (token) =>
        fetchImpl(`${WECHAT_API}/cgi-bin/message/wxopen/updatablemsg/send?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ activity_id: activityId, target_state: u.state, template_info: { parameter_list: params(u) } }),
          signal: AbortSignal.timeout(10_000),
        }),
      )
    },
  }
}
