import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Order, Sku } from '../../src/domain/contract'
import type { GiftView } from '../../src/domain/gifts'
import type { AdminOrder } from '../../src/domain/admin-contract'
import { shopper } from '../helpers/console'
import { squash } from '../helpers/promotions'
import { TEST_ADMIN_TOKEN } from '../helpers/server'
import { button, useSharingE2e } from '../helpers/sharing-e2e'

// Gifts end to end (issue 17), on one real server (sandbox, PGlite) serving the H5 preview and
// the console: giver C checks out 2 units with 送礼 (a message, 2 recipients) and pays at the
// sandbox cashier; the gift page shows 0/2 with its share button; recipients D and E open the
// gift link, log in, and claim with an address from their list; C's gift page shows both
// claims; the console's order detail shows the 礼物 card with the claims and ships one parcel per
// claim. Pictures: gift, gift-claimed, console-gift-order.

const C = '送礼人小陈'
const MESSAGE = '生日快乐，天天开心'

describe('gifts end to end (H5 giver and recipients + console owner)', () => {
  const e2e = useSharingE2e('gifts')
  let c: Page
  let sku: Sku
  let order: Order
  let giftLink = ''

  const v = (p: Page, selector: string) => e2e.visible(p, selector)
  const giftOf = async (p: Page) => e2e.server.get<GiftView>(`/api/gifts/${order.gift!.code}`, await e2e.tokenOf(p))

  it('C checks out 2 units with 送礼 (message, 2 recipients) and pays; the gift page shows 0/2 and 送给好友', async () => {
    ;({ sku } = await e2e.productWithStock(4))
    const giver = await shopper(e2e.server.url, C)
    c = await e2e.phone('c')
    await c.goto(`${e2e.server.url}/#/pkg-order/checkout/index?skuId=${sku.id}&quantity=2`)
    await e2e.loginFromModal(c, C)
    await v(c, '.gift-switch').click()
    await v(c, '.gift-form__message textarea').fill(MESSAGE)
    await v(c, '.gift-form__plus').click()
    await expect.poll(() => v(c, '.gift-form__recipients').innerText()).toBe('2')
    await expect.poll(() => v(c, '.submit-order').getAttribute('class'), { timeout: 15_000 }).not.toContain('is-disabled')
    await v(c, '.submit-order').click()
    await e2e.payAtCashier(c)

    const orders = await e2e.server.get<{ items: Order[] }>('/api/orders?page=1&pageSize=5', giver.token)
    order = orders.items[0]
    expect(order.status).toBe('paid')
    expect(order.gift).toMatchObject({ status: 'open', message: MESSAGE, recipients: 2, claimed: 0 })

    await c.goto(`${e2e.server.url}/#/pkg-share/gift/index?code=${order.gift!.code}`)
    await expect.poll(async () => squash(await v(c, '.gift-card__claimed').innerText()), { timeout: 20_000 }).toContain('0/2')
    await v(c, '.gift-claims--empty').waitFor()
    await v(c, '.gift-page__share').click()
    await expect.poll(() => c.evaluate(() => navigator.clipboard.readText())).toContain(order.gift!.code)
    giftLink = await c.evaluate(() => navigator.clipboard.readText())
    expect(giftLink).toBe(`${e2e.server.url}/#/pkg-share/gift/index?code=${order.gift!.code}`)
    await e2e.shot(c, 'gift')
    e2e.clean()
  })

  for (const [who, nickname] of [
    ['d', '收礼人小丁'],
    ['e', '收礼人小鄂'],
  ] as const) {
    it(`recipient ${nickname} opens the link, logs in and claims with an address from the list`, async () => {
      await shopper(e2e.server.url, nickname) // an address in the list, made ahead
      const p = await e2e.phone(who)
      await p.goto(giftLink)
      await v(p, '.gift-card__message').filter({ hasText: MESSAGE }).waitFor({ timeout: 20_000 })
      await v(p, '.gift-page__claim').click()
      await e2e.login(p, nickname)
      // Back on the card after login: 领取礼物 again opens the address list to pick from.
      await v(p, '.gift-page__claim').click()
      await v(p, '.address-item').first().click()
      await v(p, '.gift-mine').waitFor({ timeout: 20_000 })
      const gift = await giftOf(p)
      expect(gift.claimedByMe).toBe(true)
      if (who === 'e') {
        expect(gift).toMatchObject({ status: 'claimed', claimed: 2 })
        await e2e.shot(p, 'gift-claimed')
      }
      e2e.clean()
    })
  }

  it("C's gift page shows both claims", async () => {
    await c.reload()
    await expect.poll(async () => squash(await v(c, '.gift-card__claimed').innerText()), { timeout: 20_000 }).toContain('2/2')
    await expect.poll(() => v(c, '.gift-claims__row').count()).toBe(2)
    const names = squash(await v(c, '.gift-claims').innerText())
    expect(names).toContain('收礼人小丁')
    expect(names).toContain('收礼人小鄂')
    e2e.clean()
  })

  it('the console shows the 礼物 card with its claims and ships one parcel per claim', async () => {
    await e2e.consoleGo(`/orders/${order.id}`)
    await e2e.owner.getByText(MESSAGE).waitFor()
    await e2e.owner.getByText('2/2 份').waitFor()
    await e2e.owner.getByRole('button', { name: button('发货') }).click()
    const modal = e2e.owner.locator('.ant-modal:visible')
    for (const shareNo of [1, 2]) {
      const card = modal.locator('.ant-card').filter({ hasText: `第 ${shareNo} 份` })
      await card.getByLabel('快递公司').fill('顺丰')
      await e2e.owner.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '顺丰速运' }).click()
      await expect.poll(() => e2e.owner.locator('.ant-select-dropdown:visible').count()).toBe(0)
      await card.getByLabel('快递单号').fill(`SF720000000${shareNo}`)
    }
    await e2e.shot(e2e.owner, 'console-gift-ship')
    await modal.getByRole('button', { name: '确认发货' }).click()
    await expect.poll(async () => (await e2e.server.get<{ order: AdminOrder }>(`/api/admin/orders/${order.id}`, TEST_ADMIN_TOKEN)).order.status).toBe('shipped')
    const detail = await e2e.server.get<{ order: AdminOrder }>(`/api/admin/orders/${order.id}`, TEST_ADMIN_TOKEN)
    expect((detail.order.giftClaims ?? []).map((g) => g.trackingNo).sort()).toEqual(['SF7200000001', 'SF7200000002'])
    await e2e.owner.reload()
    await e2e.owner.getByText('SF7200000002').first().waitFor()
    await e2e.shot(e2e.owner, 'console-gift-order', { fullPage: true })
    e2e.clean()
  })
})
