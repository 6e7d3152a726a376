import { expect, it } from 'vitest'
import { ADMIN_TOKEN, call, describeEachDb, login, staffToken } from '../../../test/helpers'

// Every admin route set sits in the one admin scope: without the admin token or a staff session
// each answers 401 ADMIN_ONLY (a shopper's session is neither), with either the route runs.
describeEachDb('admin scope', (ctx) => {
  const routes: [string, string][] = [
    ['GET', '/api/admin/orders'],
    ['GET', '/api/admin/refunds'],
    ['GET', '/api/admin/messages'],
    ['GET', '/api/admin/messages/outbox'],
    ['GET', '/api/admin/promotions'],
    ['GET', '/api/admin/coupon-batches'],
    ['DELETE', '/api/admin/members/999999'],
    ['GET', '/api/admin/credit/ledger'],
    ['GET', '/api/admin/orders.csv'],
    ['GET', '/api/admin/dashboard'],
    ['GET', '/api/admin/members'],
    ['GET', '/api/admin/notifies'],
  ]

  it('one guard in front of every route set', async () => {
    const shopper = await login(ctx.app)
    const owner = await staffToken(ctx.app, 'owner')
    for (const [method, url] of routes) {
      for (const token of [undefined, 'wrong', shopper]) {
        const res = await call(ctx.app, method as 'GET', url, { token })
        expect([url, res.status, res.body.code]).toEqual([url, 401, 'ADMIN_ONLY'])
      }
      const ok = await call(ctx.app, method as 'GET', url, { token: ADMIN_TOKEN })
      expect([url, ok.status]).toEqual([url, url.includes('members/') ? 404 : 200])
      const staff = await call(ctx.app, method as 'GET', url, { token: owner })
      expect([url, staff.status]).toEqual([url, ok.status])
    }
  })
})
