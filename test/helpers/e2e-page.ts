import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { launchChromium, PHONE, sessionTokenOf } from './browser'
import { requireDist } from './dist'
import { squash } from './promotions'
import { startTestServer, type TestServer } from './server'

// Kept apart from browser.ts: this registers vitest hooks, and bench/h5.ts (run by tsx) imports browser.ts.

/** One phone-sized Chromium page on the real server serving the H5 preview, for a describe block. */
export interface E2ePage {
  readonly server: TestServer
  readonly page: Page
  /** The app's uncaught errors so far: each test ends expecting none. */
  readonly pageErrors: string[]
  /** Taro's H5 router keeps earlier pages in the DOM, hidden: look only at what is visible. */
  visible(selector: string): Locator
  /** The first visible match's text without whitespace (Taro splits text into many nodes). */
  text(selector: string): Promise<string>
  /** A picture of the page once images and transitions settle, as `<shots>/<name>.png`; returns its path. */
  shot(name: string): Promise<string>
  /** The logged-in shopper's session token, which the session store must have kept. */
  sessionToken(): Promise<string>
}

/**
 * Registers the describe block's hooks: before all, the test server with dist/h5 and a PHONE
 * page; after a failing test, a picture of what the shopper saw and the page's text (so a CI
 * failure can be read without rerunning); after all, both closed. `name` tells the failure
 * pictures apart in the temp directory.
 */
export function useE2ePage(name: string, opts: { shots: string }): E2ePage {
  let server: TestServer | undefined
  let browser: Browser | undefined
  let page: Page | undefined
  const pageErrors: string[] = []
  const ready = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('useE2ePage: used before its beforeAll ran')
    return v
  }

  beforeAll(async () => {
    requireDist('h5')
    fs.mkdirSync(opts.shots, { recursive: true })
    server = await startTestServer({ h5: true })
    browser = await launchChromium()
    const context = await browser.newContext(PHONE)
    page = await context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (err) => pageErrors.push(err.message))
  })

  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== 'fail' || !page) return
    const file = path.join(os.tmpdir(), `duet-e2e-${name}-${ctx.task.name.replace(/\W+/g, '-').slice(0, 60)}.png`)
    await page.screenshot({ path: file }).catch(() => {})
    const text = await page.locator('body').innerText().catch(() => '')
    console.error(`e2e failure at ${page.url()}\nscreenshot: ${file}\nvisible text: ${text.replace(/\s+/g, ' ').slice(0, 800)}\npage errors: ${pageErrors.join('; ')}`)
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  const e2e: E2ePage = {
    get server() {
      return ready(server)
    },
    get page() {
      return ready(page)
    },
    pageErrors,
    visible: (selector) => e2e.page.locator(`${selector}:visible`),
    text: async (selector) => squash(await e2e.visible(selector).first().innerText()),
    shot: async (shotName) => {
      const file = path.join(opts.shots, `${shotName}.png`)
      await e2e.page.waitForTimeout(300)
      await e2e.page.screenshot({ path: file })
      return file
    },
    sessionToken: async () => {
      const token = await sessionTokenOf(e2e.page)
      expect(token, 'the session token is kept in storage').toBeTruthy()
      return token!
    },
  }
  return e2e
}
