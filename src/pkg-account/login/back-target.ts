import { decodeQueryValue } from '@/lib/query-value'
import { TAB_PAGES } from '@/routes'

const TABS: readonly string[] = Object.values(TAB_PAGES)

/** Where to go after logging in, and how: tab pages only open with switchTab. */
export function backTarget(raw: string | undefined): { url: string; tab: boolean } {
  let url = decodeQueryValue(raw)
  // Only our own pages: anything else falls back to the me tab.
  if (!url.startsWith('/')) url = TAB_PAGES.me
  const path = url.split('?')[0]
  return TABS.includes(path) ? { url: path, tab: true } : { url, tab: false }
}
