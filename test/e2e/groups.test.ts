import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Paged, ProductDetail, ProductSummary, Sku } from '../../src/domain/contract'
import type { GroupDealView, GroupView } from '../../src/domain/groups'
import { route } from '../../src/routes'
import { shopper } from '../helpers/console'
import { squash } from '../helpers/promotions'
import { useSharingE2e } from '../helpers/sharing-e2e'

// Group buying end to end (issue 18) on one real server (sandbox, PGlite) serving the H5 preview:
// shopper A starts a group of the seeded 2-person deal from the product page (发起拼团), confirms
// with an address and pays at the sandbox cashier, landing on the group's page (拼团中, 还差 1 人);
// shopper B opens the group's link, 我也要参团, pays, and both pages show 拼团成功 — as the server's
// GET /api/groups/:id does; the console's 拼团记录 lists it. Pictures: group-deal-product, group-forming,
// group-success, console-groups.

const A = '安心买家'
const B = '白鹭买家'

describe('group buying end to end (two H5 shoppers)', () => {
  const e2e = useSharingE2e('groups')
  let a: Page
  let b: Page
  let product: ProductDetail
  let deal: GroupDealView
  let groupId = 0

  const v = (p: Page, selector: string) => e2e.visible(p, selector)
  const groupOf = (token?: string) => e2e.server.get<GroupView>(`/api/groups/${groupId}`, token)
  const statusText = async (p: Page) => squash(await v(p, '.group-state').first().innerText())

  /** The SKU sheet: one value of each spec group of `sku`, then 确定. */
  const chooseSku = async (p: Page, sku: Sku) => {
    for (const group of product.specGroups) {
      const value = v(p, '.sku-sheet__group').filter({ hasText: group.name }).locator('.sku-value', { hasText: sku.specs[group.name] })
      await value.first().click()
      await expect.poll(() => value.first().getAttribute('class')).toContain('is-active')
    }
    await v(p, '.sku-confirm').click()
  }

  /** The server's sandbox cashier page: 确认支付, then back in the app on the group's page. */
  const payAndLandOnGroup = async (p: Page) => {
    await expect.poll(() => p.url(), { timeout: 20_000 }).toContain('/api/payments/sandbox/cashier')
    await p.getByRole('button', { name: '确认支付' }).click()
    await expect.poll(() => p.url(), { timeout: 30_000 }).toContain('pkg-growth/group/index')
  }

  it('A starts a group of the 2-person deal from the product page and pays: 拼团中, 还差 1 人', async () => {
    const list = await e2e.server.get<Paged<ProductSummary>>('/api/products?page=1&pageSize=50&sort=default')
    for (const s of list.items) {
      const deals = await e2e.server.get<{ items: GroupDealView[] }>(`/api/group-deals?productId=${s.id}`)
      const two = deals.items.find((d) => d.size === 2)
      if (two) {
        deal = two
        product = await e2e.server.get<ProductDetail>(`/api/products/${s.id}`)
        break
      }
    }
    expect(deal, 'the seed has a 2-person deal').toBeTruthy()
    const sku = product.skus.find((k) => deal.skuIds.includes(k.id) && k.stock > 0)!
    const leader = await shopper(e2e.server.url, A)
    a = await e2e.phone('a')
    await a.goto(`${e2e.server.url}/#${route.product(product.id)}`)
    await v(a, '.group-deals__start').first().waitFor({ timeout: 20_000 })
    expect(squash(await v(a, '.group-deals').first().innerText())).toContain('2人团')
    await v(a, '.group-deals').first().scrollIntoViewIfNeeded()
    await e2e.shot(a, 'group-deal-product', { keepScroll: true })

    await v(a, '.group-deals__start').first().click()
    await chooseSku(a, sku)
    await e2e.loginFromModal(a, A)
    await v(a, '.group-buy__who').waitFor({ timeout: 20_000 })
    await expect.poll(() => v(a, '.group-buy__submit').getAttribute('class'), { timeout: 15_000 }).not.toContain('is-disabled')
    await v(a, '.group-buy__submit').click()
    await payAndLandOnGroup(a)

    const mine = await e2e.server.get<{ items: GroupView[] }>('/api/groups/mine', leader.token)
    groupId = mine.items[0].id
    await expect.poll(async () => (await groupOf()).members.length, { timeout: 20_000 }).toBe(1)
    expect(await groupOf()).toMatchObject({ status: 'forming', size: 2 })
    await expect.poll(() => statusText(a), { timeout: 20_000 }).toContain('拼团中')
    expect(await statusText(a)).toContain('还差1人')
    await e2e.shot(a, 'group-forming')
    e2e.clean()
  })

  it("B opens the group's link, 我也要参团 and pays: both pages show 拼团成功", async () => {
    await shopper(e2e.server.url, B) // an address in the list, made ahead
    b = await e2e.phone('b')
    await b.goto(`${e2e.server.url}/#${route.group(groupId)}`)
    await expect.poll(() => statusText(b), { timeout: 20_000 }).toContain('还差1人')
    await v(b, '.group-page__join').click()
    await e2e.login(b, B)
    // Back on the group after login: 我也要参团 again opens the deal's SKU sheet.
    await v(b, '.group-page__join').click()
    const sku = product.skus.find((k) => deal.skuIds.includes(k.id) && k.stock > 0)!
    await chooseSku(b, sku)
    await v(b, '.group-buy__who').waitFor({ timeout: 20_000 })
    await expect.poll(() => v(b, '.group-buy__submit').getAttribute('class'), { timeout: 15_000 }).not.toContain('is-disabled')
    await v(b, '.group-buy__submit').click()
    await payAndLandOnGroup(b)

    await expect.poll(async () => (await groupOf()).status, { timeout: 20_000 }).toBe('succeeded')
    // The public view masks nicknames (团**): two members, the leader first.
    expect((await groupOf()).members.map((m) => m.leader)).toEqual([true, false])
    await expect.poll(() => statusText(b), { timeout: 20_000 }).toContain('拼团成功')
    await a.reload()
    await expect.poll(() => statusText(a), { timeout: 20_000 }).toContain('拼团成功')
    await e2e.shot(b, 'group-success')
    e2e.clean()
  })

  it('the console lists the group as 已成团, 2 / 2 paid', async () => {
    await e2e.consoleGo('/group-deals?tab=groups')
    const row = e2e.owner.locator('.ant-table-row').filter({ hasText: `#${groupId}` })
    await row.first().waitFor()
    expect(squash(await row.first().innerText())).toContain('已成团')
    expect(squash(await row.first().innerText())).toContain('2/2')
    await e2e.shot(e2e.owner, 'console-groups')
    e2e.clean()
  })
})
