/**
 * WeChat's updatable messages (动态消息): a share card whose status line the server updates
 * ("成员正在加入，当前 {member_count}/{room_limit} 人" → "已开始"). Alipay has none: its cards are static.
 */

/** updatablemsg/send's two target_state values: 0 while members join (member_count / room_limit), 1 when it started (path / version_type). */
export type ActivityUpdate = { state: 0; memberCount: number; roomLimit: number } | { state: 1; path: string }

export interface ActivitiesFacet {
  id: 'wechat' | 'sandbox'
  sandbox: boolean
  /** activityid/create: a new activity_id and when it expires (expiration_time; WeChat's default is 24 hours). */
  createActivityId(): Promise<{ activityId: string; expiresAt: Date }>
  /** updatablemsg/send: the card's new state. */
  update(activityId: string, update: ActivityUpdate): Promise<void>
}

/** The sandbox's side: every activity id it issued and every update it was sent (tests read them). */
export interface SandboxActivitiesFacet extends ActivitiesFacet {
  readonly sent: { activityId: string; update: ActivityUpdate }[]
}

export interface ActivitiesFacets {
  /** WeChat's with the app's keys, else the sandbox playing it. */
  wechat: ActivitiesFacet
  sandbox: SandboxActivitiesFacet
}
