/**
 * Renders the demo shop's images with Debian Chromium and writes them into the repo:
 *   server/seed/images/<product>-{1,2,3}.jpg (600x600), banner-<n>.jpg (750x300),
 *   cat-<key>.png (96x96), and src/assets/tab/<tab>[-active].png (81x81).
 * Run by a developer after changing server/seed/catalog.ts: `npx tsx scripts/make-images.ts`.
 * The output is committed; CI does not run this (server/seed/catalog.test.ts checks the files).
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { catalog } from '../server/seed/catalog'
import { bannerImage, categoryIcon, productImage } from './images/pages'
import { TAB_NAMES, tabIcon } from './images/tab-icons'

const ROOT = path.resolve(__dirname, '..')
const IMAGES = path.join(ROOT, 'server/seed/images')
const TABS = path.join(ROOT, 'src/assets/tab')
const MAX_PRODUCT_BYTES = 35 * 1024
const MAX_TAB_BYTES = 8 * 1024

interface Shot {
  file: string
  html: string
  width: number
  height: number
  type: 'jpeg' | 'png'
  maxBytes?: number
}

function shots(): Shot[] {
  const list: Shot[] = []
  const byKey = new Map(catalog.products.map((p) => [p.key, p]))
  for (const product of catalog.products) {
    product.images.forEach((name, i) => {
      const expected = `${product.key}-${i + 1}.jpg`
      if (name !== expected) throw new Error(`image ${name} of ${product.key} does not follow the scheme (${expected})`)
      const html = productImage(product, (i + 1) as 1 | 2 | 3)
      list.push({ file: path.join(IMAGES, name), html, width: 600, height: 600, type: 'jpeg', maxBytes: MAX_PRODUCT_BYTES })
    })
  }
  for (const banner of catalog.banners) {
    const product = banner.productKey ? byKey.get(banner.productKey) : undefined
    if (!product) throw new Error(`banner ${banner.image} needs a product to draw`)
    list.push({ file: path.join(IMAGES, banner.image), html: bannerImage(banner, product), width: 750, height: 300, type: 'jpeg' })
  }
  for (const category of catalog.categories) {
    list.push({ file: path.join(IMAGES, category.icon), html: categoryIcon(category), width: 96, height: 96, type: 'png' })
  }
  for (const name of TAB_NAMES) {
    for (const active of [false, true]) {
      const file = path.join(TABS, `${name}${active ? '-active' : ''}.png`)
      list.push({ file, html: tabIcon(name, active), width: 81, height: 81, type: 'png', maxBytes: MAX_TAB_BYTES })
    }
  }
  return list
}

async function render(page: Page, shot: Shot): Promise<Buffer> {
  await page.setViewportSize({ width: shot.width, height: shot.height })
  await page.setContent(shot.html, { waitUntil: 'load' })
  return page.screenshot({
    type: shot.type,
    quality: shot.type === 'jpeg' ? 70 : undefined,
    omitBackground: shot.type === 'png',
    clip: { x: 0, y: 0, width: shot.width, height: shot.height },
  })
}

async function main(): Promise<void> {
  const list = shots()
  // Start from a clean folder so renamed products leave no stale files behind.
  await rm(IMAGES, { recursive: true, force: true })
  await mkdir(IMAGES, { recursive: true })
  await mkdir(TABS, { recursive: true })
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  })
  try {
    const context = await browser.newContext({ deviceScaleFactor: 1 })
    // Nothing may come from the network: every image is inline SVG/CSS with local fonts.
    await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()))
    const page = await context.newPage()
    let imageBytes = 0
    const tooBig: string[] = []
    for (const shot of list) {
      const data = await render(page, shot)
      await writeFile(shot.file, data)
      if (shot.file.startsWith(IMAGES)) imageBytes += data.length
      if (shot.maxBytes && data.length > shot.maxBytes) tooBig.push(`${path.relative(ROOT, shot.file)} ${data.length} B`)
    }
    const biggest = Math.max(...(await Promise.all(list.map(async (s) => (await stat(s.file)).size))))
    console.log(`${list.length} files, server/seed/images ${(imageBytes / 1024).toFixed(0)} KiB, biggest ${biggest} B`)
    if (tooBig.length) {
      console.error(`over the size budget:\n  ${tooBig.join('\n  ')}`)
      process.exitCode = 1
    }
  } finally {
    await browser.close()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
