export interface LaunchAdapter {
  /** The scene the app was opened (or brought back) with: a code, a poster, a chat share; null when none of ours. */
  launchScene(): string | null
}
