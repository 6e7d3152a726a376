import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's chromium (browser downloads are not possible here), headless, nothing phoning home. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** A phone-sized page: iPhone X width, 2x pixels, touch. */
export const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' }

/**
 * The merchant console's desktop window. It asks for reduced motion, which the console honours
 * by turning antd's animations off: a click can't land on a modal still zooming in.
 */
export const CONSOLE_DESKTOP = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN', reducedMotion: 'reduce' as const }

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH`)
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true })
}

/** The H5 app's session token, read from the page's storage (the session store persists it there). */
export async function sessionTokenOf(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const raw = localStorage.getItem(localStorage.key(i)!) ?? ''
      const m = /"token":"([^"]+)"/.exec(raw.replace(/\\"/g, '"'))
      if (m) return m[1]
    }
    return null
  })
}

/**
 * What went wrong on the pages it watches: uncaught page errors and answers of 400 and above
 * ("GET /api/admin/me 401"), but for the ones a test expects (`expected`, in that form, or a pattern of it).
 */
export function pageProblems(expected: readonly (string | RegExp)[] = []): { pageErrors: string[]; failedRequests: string[]; watch: (p: Page) => void } {
  const pageErrors: string[] = []
  const failedRequests: string[] = []
  const watch = (p: Page) => {
    p.on('pageerror', (err) => pageErrors.push(err.message))
    p.on('response', (r) => {
      if (r.status() < 400) return
      const what = `${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`
      if (!expected.some((e) => (typeof e === 'string' ? e === what : e.test(what)))) failedRequests.push(what)
    })
  }
  return { pageErrors, failedRequests, watch }
}

/**
 * After a failing e2e test: a picture of each page (in the temp directory, named after `name`,
 * who and the test) and its visible text on stderr, so a CI failure can be read without rerunning.
 */
export async function reportFailure(name: string, testName: string, pages: Iterable<readonly [string, Page | undefined]>, problems: { pageErrors: string[]; failedRequests: string[] }): Promise<void> {
  for (const [who, p] of pages) {
    if (!p) continue
    const file = path.join(os.tmpdir(), `duet-e2e-${name}-${who}-${testName.replace(/\W+/g, '-').slice(0, 50)}.png`)
    await p.screenshot({ path: file }).catch(() => {})
    const text = await p.locator('body').innerText().catch(() => '')
    console.error(`e2e failure (${who}) at ${p.url()}\nscreenshot: ${file}\nvisible text: ${text.replace(/\s+/g, ' ').slice(0, 800)}`)
  }
  console.error(`page errors: ${problems.pageErrors.join('; ')}\nfailed requests: ${problems.failedRequests.join('; ')}`)
}

/** Nothing moving on the page: no request in flight, no animation running, no toast showing. */
export async function settled(p: Page): Promise<void> {
  await p.waitForLoadState('networkidle')
  // Taro's toast stays in the DOM, hidden by display: none once it has gone; antd's message is removed.
  await p.waitForFunction(
    () =>
      // A spinner's endless animation never finishes: only animations that end are waited for.
      document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity) &&
      Array.from(document.querySelectorAll<HTMLElement>('.taro__toast, .ant-message-notice')).every((el) => getComputedStyle(el).display === 'none' || el.offsetParent === null),
    undefined,
    { timeout: 10_000 },
  )
}
