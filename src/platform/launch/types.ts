export interface LaunchAdapter {
  /** The scene the app was opened (or brought back) with: a code, a poster, a chat share; null when none of ours. */
  launchScene(): string | null
  /** The invite code (老带新) the app was opened with (`?invite=` of an invite share), raw as received; null when none. */
  launchInvite(): string | null
  /** The store a store's code (`st=<id>`) opened the app with, raw as received; null when none. */
  launchStore(): string | null
}
