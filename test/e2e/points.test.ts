import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CheckInCalendar, CheckInResult, MallItemView, PointsSettings, PointsView } from '../../src/domain/points'
import { route } from '../../src/routes'
import { squash } from '../helpers/promotions'
import { TEST_ADMIN_TOKEN } from '../helpers/server'
import { useSharingE2e } from '../helpers/sharing-e2e'

// Points end to end (issue 18) on one real server (sandbox, PGlite) serving the H5 preview: the
// owner sets the daily check-in reward high enough for the mall's coupon (PUT points settings,
// as the console does); a shopper checks in on the calendar (today marked, +points, streak 1; a
// second tap gives nothing more), sees the entry on the points page, finds the seeded items in
// the mall and redeems the coupon. Pictures: check-in, points, mall, invite.

const NICK = '签到达人小积'
const DAILY = 300

describe('check-in, points and the points mall end to end (H5)', () => {
  const e2e = useSharingE2e('points')
  let p: Page
  let token = ''

  const v = (selector: string) => e2e.visible(p, selector)
  const text = async (selector: string) => squash(await v(selector).first().innerText())
  const balance = async () => (await e2e.server.get<PointsView>('/api/points?page=1&pageSize=20', token)).balance

  it('the calendar: checking in marks today, gives the daily points and a streak of 1; a second tap gives nothing', async () => {
    const settings = await e2e.server.get<PointsSettings>('/api/admin/points/settings', TEST_ADMIN_TOKEN)
    const res = await fetch(`${e2e.server.url}/api/admin/points/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      body: JSON.stringify({ ...settings, checkIn: { ...settings.checkIn, daily: DAILY } }),
    })
    expect(res.status).toBe(200)

    p = await e2e.phone('shopper')
    await p.goto(`${e2e.server.url}/#${route.checkIn()}`)
    await e2e.loginFromModal(p, NICK)
    token = await e2e.tokenOf(p)
    await v('.check-in__button').waitFor({ timeout: 20_000 })
    await expect.poll(() => text('.check-in__daily'), { timeout: 15_000 }).toContain(`每日签到得${DAILY}积分`)
    await v('.check-in__button').click()

    await expect.poll(async () => (await e2e.server.get<CheckInCalendar>('/api/check-in', token)).checkedToday, { timeout: 15_000 }).toBe(true)
    await expect.poll(() => v('.month-grid__day.is-today').getAttribute('class'), { timeout: 15_000 }).toContain('is-checked')
    await expect.poll(() => text('.check-in__streak'), { timeout: 15_000 }).toBe('已连续签到1天')
    await expect.poll(() => text('.check-in__balance')).toBe(`积分${DAILY}`)
    expect(await v('.check-in__button').getAttribute('class')).toContain('is-disabled')
    await e2e.shot(p, 'check-in')

    await v('.check-in__button').click({ force: true })
    const again = await e2e.server.post<CheckInResult>('/api/check-in', {}, token)
    expect(again).toMatchObject({ awarded: 0, streak: 1, balance: DAILY, already: true })
    expect(await balance()).toBe(DAILY)
    e2e.clean()
  })

  it('the points page shows the balance and the check-in entry', async () => {
    await v('.check-in__to-points').click()
    await expect.poll(() => p.url()).toContain('pkg-growth/points')
    await expect.poll(() => text('.points-head__balance'), { timeout: 15_000 }).toBe(String(DAILY))
    await expect.poll(() => v('.points-entry').count()).toBe(1)
    expect(await text('.points-entry')).toContain(`+${DAILY}`)
    await e2e.shot(p, 'points')
    e2e.clean()
  })

  it('the mall lists the seeded items; redeeming the coupon spends its points', async () => {
    const items = (await e2e.server.get<{ items: MallItemView[] }>('/api/mall/items', token)).items
    const coupon = items.find((i) => i.kind === 'coupon')!
    expect(coupon, 'the seed has a coupon item').toBeTruthy()
    expect(coupon.points).toBeLessThanOrEqual(DAILY)
    await v('.points-head__mall').click()
    await expect.poll(() => p.url()).toContain('pkg-growth/mall')
    await expect.poll(() => v('.mall-item').count(), { timeout: 15_000 }).toBe(items.length)
    for (const i of items) await v('.mall-item__title').filter({ hasText: i.title }).first().waitFor()

    await v(`.mall-item[data-id="${coupon.id}"] .mall-item__redeem`).click()
    await p.locator('.taro-modal__foot:visible').getByText('兑换').click()
    await expect.poll(balance, { timeout: 15_000 }).toBe(DAILY - coupon.points)
    const after = (await e2e.server.get<{ items: MallItemView[] }>('/api/mall/items', token)).items.find((i) => i.id === coupon.id)!
    expect(after.redeemed).toBe(1)
    // 兑换成功 asks 去查看 / 知道了: stay in the mall for its picture.
    await p.locator('.taro-modal__foot:visible').getByText('知道了').click()
    await expect.poll(() => text(`.mall-item[data-id="${coupon.id}"] .mall-item__stock`), { timeout: 15_000 }).toContain('已兑1')
    await e2e.shot(p, 'mall')
    e2e.clean()
  })

  it('the invite page shows the shopper’s code', async () => {
    await p.goto(`${e2e.server.url}/#${route.invite()}`)
    await expect.poll(() => text('.invite-head__code'), { timeout: 20_000 }).toMatch(/\w{4,}/)
    await e2e.shot(p, 'invite')
    e2e.clean()
  })

  it("the console's 积分设置 shows the daily reward the shopper got", async () => {
    await e2e.consoleGo('/points')
    await expect.poll(() => e2e.owner.getByLabel('每日签到获得').first().inputValue(), { timeout: 15_000 }).toBe(String(DAILY))
    await e2e.shot(e2e.owner, 'console-points')
    e2e.clean()
  })
})
