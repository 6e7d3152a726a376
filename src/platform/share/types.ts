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
}
