import { birthdaysOn, isBirthdayToday, levelFor } from '../../../src/domain/levels'
import { shopDay } from '../../../src/domain/points'
import type { Db, Queryable, Tx } from '../../db'
import { conflict } from '../../lib/errors'
import { issueIn } from '../promotions'
import { growthAndLadder } from './settings'

const BATCH = 200

export async function birthdayOf(q: Queryable, userId: number): Promise<string | null> {
  return (await q.maybeOne<{ birthday: string }>('SELECT birthday FROM member_birthdays WHERE user_id = $1', [userId]))?.birthday ?? null
}

/** Set once: the primary key settles two requests at once, and a second one is 409 BIRTHDAY_SET (the coupon can't be had twice a year by moving it). */
export async function setBirthday(q: Tx, userId: number, birthday: string, at: Date): Promise<void> {
  const inserted = await q.maybeOne('INSERT INTO member_birthdays (user_id, birthday, set_at) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO NOTHING RETURNING 1', [userId, birthday, at])
  if (!inserted) throw conflict('BIRTHDAY_SET', '生日已设置，不能修改')
}

export interface BirthdaySweepDeps {
  onError: (err: unknown, userId: number) => void
}

/**
 * Shoppers whose birthday is today (the shop's day; 29 February on the 28th in common years)
 * and who have not had this year's coupon: their level's birthday coupon batch, one coupon
 * each, through the promotions module's issueIn. Per shopper one transaction whose first write
 * claims the year (a conditional update of coupon_year): a second sweeper waits on that row and
 * then finds the year taken, so each shopper gets one coupon a year however many servers sweep.
 * A batch that is ended or issued out rolls the claim back (logged; tried again next tick).
 * Answers how many coupons were issued.
 */
export async function sweepBirthdays(db: Db, now: Date, deps: BirthdaySweepDeps): Promise<number> {
  const today = shopDay(now)
  const year = Number(today.slice(0, 4))
  const due = await db.query<{ user_id: number; birthday: string }>(
    'SELECT user_id, birthday FROM member_birthdays WHERE birthday = ANY($1::text[]) AND (coupon_year IS NULL OR coupon_year < $2) ORDER BY user_id LIMIT $3',
    [birthdaysOn(today), year, BATCH],
  )
  let issued = 0
  for (const { user_id: userId, birthday } of due.rows) {
    if (!isBirthdayToday(birthday, today)) continue
    try {
      const done = await db.tx(async (q) => {
        const { growth, ladder } = await growthAndLadder(q, userId)
        const batchId = levelFor(growth, ladder).benefits.birthdayCouponBatchId
        if (batchId === null) return false
        const claimed = await q.maybeOne(
          'UPDATE member_birthdays SET coupon_year = $2 WHERE user_id = $1 AND (coupon_year IS NULL OR coupon_year < $2) RETURNING 1',
          [userId, year],
        )
        if (!claimed) return false
        await issueIn(q, batchId, userId, now)
        return true
      })
      if (done) issued++
    } catch (err) {
      deps.onError(err, userId)
    }
  }
  return issued
}
