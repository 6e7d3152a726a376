import fs from 'node:fs'
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
 * ("GET /api/admin/me 401"), but for the ones a test expects (`expected`, in that form).
 */
export function pageProblems(expected: readonly string[] = []): { pageErrors: string[]; failedRequests: string[]; watch: (p: Page) => void } {
  const pageErrors: string[] = []
  const failedRequests: string[] = []
  const watch = (p: Page) => {
    p.on('pageerror', (err) => pageErrors.push(err.message))
    p.on('response', (r) => {
      if (r.status() < 400) return
      const what = `${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`
      if (!expected.includes(what)) failedRequests.push(what)
    })
  }
  return { pageErrors, failedRequests, watch }
}
