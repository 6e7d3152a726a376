import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Paged, ProductSummary } from '../../src/domain/contract'
import type { PlanDeliveryRow, PlanOffer, PlanView } from '../../src/domain/plans'
import { route } from '../../src/routes'
import { shopper } from '../helpers/console'
import { squash } from '../helpers/promotions'
import { TEST_ADMIN_TOKEN } from '../helpers/server'
import { button, useSharingE2e } from '../helpers/sharing-e2e'

// Periodic purchase (周期购, issue 19) end to end on one real server (sandbox, PGlite) serving the
// H5 preview and the console: a shopper opens the seeded plan product (the drip coffee) from its
// 周期购 entry, chooses 4 期 每周 from the earliest first day, sees the 4 dates, 立即订购, pays at
// the sandbox cashier and lands on the plan (4 deliveries); 跳过这期 on delivery 2 adds a fifth a
// week after the fourth (as GET /api/plans/:id says). The console's 周期购配送 for delivery 1's day
// lists it; 发货 with a carrier and number shows 已发货 with the tracking on the plan's page; 取消剩余期数
// refunds the rest. Pictures: plan-buy, plan (shipped, skipped), console-plan-deliveries.

const NICK = '周期购买家'
const TRACKING = 'SF7700112233'
const WEEK_MS = 7 * 86_400_000

const addDays = (date: string, ms: number) => new Date(Date.parse(`${date}T00:00:00Z`) + ms).toISOString().slice(0, 10)

describe('periodic purchase end to end (H5 shopper, console shipping)', () => {
  const e2e = useSharingE2e('plans')
  let p: Page
  let token = ''
  let productId = 0
  let planId = 0

  const v = (selector: string) => e2e.visible(p, selector)
  const text = async (selector: string) => squash(await v(selector).first().innerText())
  const planOf = () => e2e.server.get<PlanView>(`/api/plans/${planId}`, token)

  it('plan-buy: 4 期 每周 from the first day shows 4 dates; 立即订购 and the cashier land on the plan with 4 deliveries', async () => {
    const list = await e2e.server.get<Paged<ProductSummary>>('/api/products?page=1&pageSize=50&sort=default')
    for (const s of list.items) {
      const offer = await e2e.server.get<PlanOffer>(`/api/products/${s.id}/plan`).catch(() => null)
      if (offer?.enabled && offer.options.some((o) => o.deliveries === 4) && offer.intervals.includes('week')) {
        productId = s.id
        break
      }
    }
    expect(productId, 'the seed offers a plan with 4 weekly deliveries').toBeGreaterThan(0)
    ;({ token } = await shopper(e2e.server.url, NICK)) // an address in the list, made ahead

    p = await e2e.phone('shopper')
    await p.goto(`${e2e.server.url}/#${route.product(productId)}`)
    await v('.plan-entry').waitFor({ timeout: 20_000 })
    expect(await text('.plan-entry')).toContain('周期购')
    await v('.plan-entry').click()
    await e2e.login(p, NICK)

    await v('.plan-buy__submit').waitFor({ timeout: 20_000 })
    await v('.plan-buy__deliveries').filter({ hasText: '4 期' }).first().click()
    await v('.plan-buy__interval').filter({ hasText: '每周' }).first().click()
    await expect.poll(() => v('.plan-buy__deliveries.is-active').first().innerText()).toContain('4')
    await expect.poll(() => v('.plan-buy__date').count(), { timeout: 15_000 }).toBe(4)
    expect(await text('.plan-buy__first-date')).toMatch(/\d+月\d+日周./)
    expect(await text('.plan-buy__address')).toContain('世纪大道100号')
    await expect.poll(() => v('.plan-buy__submit').getAttribute('class'), { timeout: 15_000 }).not.toContain('is-disabled')
    await e2e.shot(p, 'plan-buy')

    await v('.plan-buy__submit').click()
    await expect.poll(() => p.url(), { timeout: 20_000 }).toContain('/api/payments/sandbox/cashier')
    await p.getByRole('button', { name: '确认支付' }).click()
    // Back from the cashier, a plan's order belongs on the plan's page (not the generic pay result).
    await expect.poll(() => p.url(), { timeout: 30_000 }).toContain('pkg-member/plan/index')
    planId = Number(new URL(p.url().replace('#', '')).searchParams.get('id'))
    expect(planId).toBeGreaterThan(0)
    await expect.poll(async () => (await planOf()).status, { timeout: 20_000 }).toBe('active')
    const plan = await planOf()
    expect(plan.deliveries.map((d) => d.status)).toEqual(['scheduled', 'scheduled', 'scheduled', 'scheduled'])
    expect(plan.interval).toBe('week')
    await expect.poll(() => v('.plan-schedule__item').count(), { timeout: 20_000 }).toBe(4)
    await expect.poll(() => text('.plan-page__status'), { timeout: 20_000 }).toContain('配送中')
    e2e.clean()
  })

  it('跳过这期 on delivery 2: 5 entries, one 已跳过, the last a week after the 4th', async () => {
    const before = await planOf()
    await v('.plan-schedule__item').nth(1).locator('.plan-schedule__skip').click()
    await p.locator('.taro-modal__foot:visible').getByText('跳过', { exact: true }).click()

    await expect.poll(async () => (await planOf()).deliveries.length, { timeout: 15_000 }).toBe(5)
    const plan = await planOf()
    expect(plan.deliveries.map((d) => d.status)).toEqual(['scheduled', 'skipped', 'scheduled', 'scheduled', 'scheduled'])
    expect(plan.deliveries[4].date).toBe(addDays(before.deliveries[3].date, WEEK_MS))
    await expect.poll(() => v('.plan-schedule__item').count(), { timeout: 15_000 }).toBe(5)
    expect(await text('.plan-schedule__item.is-skipped')).toContain('已跳过')
    e2e.clean()
  })

  it("the console's 周期购配送 for delivery 1's day lists it; 发货 shows 已发货 with the tracking on the plan's page", async () => {
    const first = (await planOf()).deliveries[0]
    const rows = await e2e.server.get<{ items: PlanDeliveryRow[] }>(`/api/admin/plan-deliveries?date=${first.date}`, TEST_ADMIN_TOKEN)
    expect(rows.items.filter((r) => r.planId === planId).map((r) => r.n)).toEqual([1])

    await e2e.consoleGo(`/plan-deliveries?date=${first.date}`)
    const owner = e2e.owner
    const row = owner.locator('.ant-table-row').filter({ hasText: '第 1 期' })
    await row.first().waitFor()
    expect(squash(await row.first().innerText())).toContain('待发货')
    await e2e.shot(owner, 'console-plan-deliveries')

    await row.first().getByRole('button', { name: button('发货') }).click()
    const modal = () => owner.locator('.ant-modal:visible')
    await modal().getByLabel('快递公司').fill('顺丰')
    await owner.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '顺丰速运' }).click()
    await expect.poll(() => owner.locator('.ant-select-dropdown:visible').count()).toBe(0)
    await modal().getByLabel('快递单号').fill(TRACKING)
    await modal().getByRole('button', { name: '确认发货' }).click()
    await expect.poll(async () => (await planOf()).deliveries[0].status, { timeout: 15_000 }).toBe('shipped')
    await expect.poll(async () => squash(await owner.locator('.ant-table-row').filter({ hasText: '第 1 期' }).first().innerText()), { timeout: 15_000 }).toContain(`顺丰速运${TRACKING}`)
    expect((await planOf()).deliveries[0].tracking?.number).toBe(TRACKING)

    await p.reload()
    await expect.poll(() => v('.plan-schedule__item').count(), { timeout: 20_000 }).toBe(5)
    const shipped = v('.plan-schedule__item').first()
    expect(await shipped.getAttribute('class')).toContain('is-shipped')
    expect(squash(await shipped.innerText())).toContain('已发货')
    // The carrier by name (the delivery keeps WeChat's code, SF), as the order's tracking shows it.
    expect(squash(await shipped.innerText())).toContain(`顺丰速运${TRACKING}`)
    // The plan's picture: delivery 1 shipped with its tracking, 2 skipped, the fifth added.
    await e2e.shot(p, 'plan')
    e2e.clean()
  })

  it('取消剩余期数 refunds the deliveries not shipped', async () => {
    await v('.plan-page__cancel').click()
    await p.locator('.taro-modal__foot:visible').getByText('确定取消').click()
    await expect.poll(async () => (await planOf()).status, { timeout: 15_000 }).toBe('cancelled')
    const plan = await planOf()
    expect(plan.refunded).toBeGreaterThan(0)
    expect(plan.refunded).toBeLessThan(plan.total)
    expect(plan.deliveries.map((d) => d.status)).toEqual(['shipped', 'skipped', 'cancelled', 'cancelled', 'cancelled'])
    await expect.poll(() => text('.plan-page__notice'), { timeout: 15_000 }).toContain('退款')
    await expect.poll(() => text('.plan-page__status'), { timeout: 15_000 }).toContain('已取消')
    e2e.clean()
  })
})
