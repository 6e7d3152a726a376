/** What a page shares to a chat: the answer of its onShareAppMessage (same fields on both hosts). */
export interface ShareMessage {
  title: string
  /** A page path with its query, starting with "/" (WeChat: "当前页面 path，必须是以 / 开头的完整路径"). */
  path: string
  imageUrl?: string
}

export interface ShareButtonProps {
  label: string
  /** The message the page's onShareAppMessage answers: H5 copies its link instead of opening a chat. */
  message: ShareMessage
  className?: string
}

export interface ShareAdapter {
  /** Turns on the host's own share entry for this page (the ··· menu), where that needs a call. */
  enableMenu(): void
  /** What 复制链接 puts on the clipboard: H5 a link a browser opens; the mini programs the page path (only the host opens it). */
  linkOf(message: ShareMessage): string
  /**
   * A group's share as WeChat's updatable message (动态消息: "member_count/room_limit" on the card,
   * updated by the server as seats fill). Only WeChat has it; elsewhere nothing to do.
   */
  prepareGroupShare(card: UpdatableShare): void
}

export interface UpdatableShare {
  /** From GET /api/groups/:id/share (the server's updatableMessage.createActivityId). */
  activityId: string
  /** Seats taken and the group's size: the template's member_count and room_limit. */
  memberCount: number
  roomLimit: number
}
