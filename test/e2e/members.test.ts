import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { growthFor, type LevelLadder, type MyLevel } from '../../src/domain/levels'
import type { MemberCardSettings, MemberCardView } from '../../src/domain/member-cards'
import { TAB_PAGES } from '../../src/routes'
import { paidOrder, shopper } from '../helpers/console'
import { squash } from '../helpers/promotions'
import { TEST_ADMIN_TOKEN } from '../helpers/server'
import { button, useSharingE2e } from '../helpers/sharing-e2e'

// Member levels and the member card (issue 19) end to end on one real server (sandbox, PGlite)
// serving the H5 preview and the console: after one paid order a shopper opens 我的 → the level
// page (普通会员, the growth the order earned, what the next level brings) and sets a birthday
// once; then 会员卡 → 领取会员卡 → the sandbox card page (Alipay's activation form: a mobile) →
// 提交 → back on the card, 已在卡包 with a card number (GET /api/member-card). The owner changes
// the ladder in the console's 会员等级 and creates the Alipay template in 会员卡 (the sandbox
// records alipay.marketing.card.template.create). Pictures: level, member-card, console-levels.

const NICK = '会员小卡'
const MOBILE = '13912345678'

describe('member levels and the member card end to end (H5 shopper, console)', () => {
  const e2e = useSharingE2e('members')
  let p: Page
  let token = ''
  let growth = 0

  const v = (selector: string) => e2e.visible(p, selector)
  const text = async (selector: string) => squash(await v(selector).first().innerText())
  const modalButton = (label: string) => p.locator('.taro-modal__foot:visible').getByText(label, { exact: true })
  const cardCalls = async (api: string) => (await e2e.server.app.db.query<{ request: Record<string, unknown> }>('SELECT request FROM sandbox_card_calls WHERE api = $1 ORDER BY id', [api])).rows

  it('the level page after one paid order: 普通会员, its growth, the next level’s benefits; a birthday set once', async () => {
    const buyer = await shopper(e2e.server.url, NICK)
    token = buyer.token
    const { sku } = await e2e.productWithStock(1)
    const order = await paidOrder(e2e.server.url, buyer, [{ skuId: sku.id, quantity: 1 }])
    await expect.poll(async () => (await e2e.server.get<MyLevel>('/api/levels/me', token)).growth, { timeout: 15_000 }).toBe(growthFor(order.total))
    const me = await e2e.server.get<MyLevel>('/api/levels/me', token)
    growth = me.growth
    expect(growth).toBeGreaterThan(0)
    expect(me.level.name).toBe('普通会员')

    p = await e2e.phone('shopper')
    await p.goto(`${e2e.server.url}/#${TAB_PAGES.me}`)
    await v('.me-card').click()
    await e2e.login(p, NICK)
    // Logged in, 我的 shows the level under the nickname; the card opens the level page.
    await expect.poll(() => text('.me-card__level'), { timeout: 20_000 }).toContain('普通会员')
    await v('.me-card').click()
    await expect.poll(() => p.url()).toContain('pkg-member/level')
    await expect.poll(() => text('.level-hero__name'), { timeout: 20_000 }).toBe('普通会员')
    expect(await text('.level-hero__growth')).toBe(`成长值${growth}`)
    expect(await text('.level-hero__next')).toContain(`再获得${me.next!.gap}成长值升级为${me.next!.name}`)
    expect(await text('.level-next')).toContain(`${me.next!.name}可享`)

    await v('.level-birthday--set').click()
    await v('.weui-picker__action').filter({ hasText: '确定' }).click()
    await modalButton('确定').click()
    await expect.poll(async () => (await e2e.server.get<MyLevel>('/api/levels/me', token)).birthday, { timeout: 15_000 }).toBe('01-01')
    await expect.poll(() => text('.level-birthday'), { timeout: 15_000 }).toBe('生日1月1日')
    expect(await v('.level-birthday--set').count()).toBe(0)
    const again = await fetch(`${e2e.server.url}/api/levels/me/birthday`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ birthday: '02-02' }) })
    expect(again.status).toBe(409)
    await e2e.shot(p, 'level')
    e2e.clean()
  })

  it('会员卡 → 领取会员卡 → the sandbox card form (a mobile) → 提交: 已在卡包 with a card number', async () => {
    await p.goto(`${e2e.server.url}/#${TAB_PAGES.me}`)
    await v('.me-row--member-card').click()
    await expect.poll(() => p.url()).toContain('pkg-member/member-card')
    await v('.member-card-page__open').waitFor({ timeout: 20_000 })
    expect(await text('.card-face__level')).toBe('普通会员')
    await v('.member-card-page__open').click()

    await expect.poll(() => p.url(), { timeout: 20_000 }).toContain('pkg-member/sandbox-card')
    await v('.sandbox-card__phone input').fill(MOBILE)
    await v('.sandbox-card__submit').click()

    await expect.poll(async () => (await e2e.server.get<MemberCardView>('/api/member-card', token)).status, { timeout: 20_000 }).toBe('active')
    const card = await e2e.server.get<MemberCardView>('/api/member-card', token)
    expect(card.cardNo).toBeTruthy()
    await expect.poll(() => p.url(), { timeout: 20_000 }).toContain('pkg-member/member-card')
    await expect.poll(() => text('.member-card-page__active'), { timeout: 20_000 }).toBe('已在卡包')
    expect(await text('.card-face__no')).toBe(`No.${card.cardNo}`)
    expect((await cardCalls('alipay.marketing.card.open')).length).toBe(1)
    await e2e.shot(p, 'member-card')
    e2e.clean()
  })

  it("the console's 会员等级 saves a ladder change", async () => {
    await e2e.consoleGo('/levels')
    const owner = e2e.owner
    const multiplier = owner.getByLabel('积分倍数').nth(1)
    await expect.poll(() => multiplier.inputValue(), { timeout: 15_000 }).toBe('1.20')
    await multiplier.fill('1.3')
    await owner.getByRole('button', { name: button('保存') }).click()
    await expect.poll(async () => (await e2e.server.get<LevelLadder>('/api/admin/levels', TEST_ADMIN_TOKEN)).levels[1].benefits.pointsMultiplier, { timeout: 15_000 }).toBe(1.3)
    await owner.getByText('会员等级已保存').waitFor()
    await expect.poll(() => owner.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0)
    await e2e.shot(owner, 'console-levels')
    e2e.clean()
  })

  it("the console's 会员卡 creates the Alipay template (the sandbox records template.create)", async () => {
    await e2e.consoleGo('/member-card')
    const owner = e2e.owner
    await owner.getByRole('button', { name: '创建支付宝会员卡模板' }).click()
    await expect.poll(async () => (await e2e.server.get<MemberCardSettings>('/api/admin/member-card', TEST_ADMIN_TOKEN)).alipayTemplateId, { timeout: 15_000 }).toBeTruthy()
    const settings = await e2e.server.get<MemberCardSettings>('/api/admin/member-card', TEST_ADMIN_TOKEN)
    expect(await cardCalls('alipay.marketing.card.template.create')).toHaveLength(1)
    await owner.locator('code').filter({ hasText: settings.alipayTemplateId! }).waitFor()
    await expect.poll(() => owner.getByRole('button', { name: '更新支付宝会员卡模板' }).count()).toBe(1)
    e2e.clean()
  })
})
