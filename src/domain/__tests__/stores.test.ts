import { describe, expect, it } from 'vitest'
import {
  assertCoordinates,
  CoordinateError,
  distanceMeters,
  distanceText,
  formatSlot,
  hoursProblem,
  hoursText,
  isOpenAt,
  parseSlot,
  slotDays,
  slotProblem,
  type StoreHours,
} from '../stores'

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7]
const NINE_TO_NINE: StoreHours = { weekdays: EVERY_DAY, open: '09:00', close: '21:00' }
/** An instant given in the shop's time (Asia/Shanghai). */
const shop = (t: string) => new Date(`${t}+08:00`)

describe('distance', () => {
  const square = { lat: 31.2304, lng: 121.4737 }
  const jingan = { lat: 31.2235, lng: 121.4456 }
  it('人民广场 → 静安寺 is about 2.7 km, the same both ways; a point to itself is 0', () => {
    const d = distanceMeters(square, jingan)
    expect(d).toBeGreaterThan(2650)
    expect(d).toBeLessThan(2850)
    expect(distanceMeters(jingan, square)).toBe(d)
    expect(distanceMeters(square, square)).toBe(0)
    expect(Number.isInteger(d)).toBe(true)
  })
  it('long distances and the antipode stay finite (Shanghai → Beijing ≈ 1,070 km; half the earth ≈ 20,015 km)', () => {
    const bj = distanceMeters(square, { lat: 39.9087, lng: 116.3975 })
    expect(bj).toBeGreaterThan(1_050_000)
    expect(bj).toBeLessThan(1_090_000)
    expect(distanceMeters({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBe(Math.round(Math.PI * 6_371_008.8))
  })
  it('distanceText: metres under 1 km, one decimal under 10 km, whole km beyond', () => {
    expect([distanceText(0), distanceText(850), distanceText(1000), distanceText(1249), distanceText(9_949), distanceText(12_400)]).toEqual(['0m', '850m', '1.0km', '1.2km', '9.9km', '12km'])
  })
  it('assertCoordinates: the edges pass; beyond them, NaN and Infinity throw CoordinateError naming the field', () => {
    for (const [lat, lng] of [
      [90, 180],
      [-90, -180],
      [0, 0],
    ])
      expect(() => assertCoordinates(lat, lng)).not.toThrow()
    expect(() => assertCoordinates(90.0001, 0)).toThrow(/lat/)
    expect(() => assertCoordinates(Number.NaN, 0)).toThrow(CoordinateError)
    expect(() => assertCoordinates(0, 180.5)).toThrow(/lng/)
    expect(() => assertCoordinates(0, Number.POSITIVE_INFINITY)).toThrow(CoordinateError)
  })
})

describe('hours', () => {
  it('hoursText: a run of days as 至, others listed, repeats and order ignored', () => {
    expect(hoursText(NINE_TO_NINE)).toBe('周一至周日 09:00-21:00')
    expect(hoursText({ weekdays: [6, 1, 2, 3, 4, 5, 5], open: '10:00', close: '22:00' })).toBe('周一至周六 10:00-22:00')
    expect(hoursText({ weekdays: [1, 3, 5], open: '10:00', close: '18:00' })).toBe('周一、三、五 10:00-18:00')
    expect(hoursText({ weekdays: [6, 7], open: '10:00', close: '18:00' })).toBe('周六、日 10:00-18:00')
  })

  it('isOpenAt: open from the open minute, closed from the close minute, by the shop clock', () => {
    expect(isOpenAt(NINE_TO_NINE, shop('2026-12-07T08:59:59'))).toBe(false)
    expect(isOpenAt(NINE_TO_NINE, shop('2026-12-07T09:00:00'))).toBe(true)
    expect(isOpenAt(NINE_TO_NINE, shop('2026-12-07T20:59:59'))).toBe(true)
    expect(isOpenAt(NINE_TO_NINE, shop('2026-12-07T21:00:00'))).toBe(false)
    // Monday 10:00 in Shanghai is still Sunday 02:00 in UTC: the shop's weekday counts.
    const weekdaysOnly: StoreHours = { weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '21:00' }
    expect(isOpenAt(weekdaysOnly, new Date('2026-12-07T02:00:00Z'))).toBe(true)
    expect(isOpenAt(weekdaysOnly, shop('2026-12-06T10:00:00'))).toBe(false)
  })

  it('hoursProblem: at least one real weekday, HH:mm times, close after open', () => {
    expect(hoursProblem(NINE_TO_NINE)).toBeNull()
    expect(hoursProblem({ weekdays: [], open: '09:00', close: '21:00' })).toMatch(/营业日/)
    expect(hoursProblem({ weekdays: [0], open: '09:00', close: '21:00' })).toMatch(/1（周一）到 7/)
    expect(hoursProblem({ weekdays: [1.5], open: '09:00', close: '21:00' })).toMatch(/1（周一）到 7/)
    expect(hoursProblem({ weekdays: [1], open: '9:00', close: '21:00' })).toMatch(/HH:mm/)
    expect(hoursProblem({ weekdays: [1], open: '09:00', close: '24:00' })).toMatch(/HH:mm/)
    expect(hoursProblem({ weekdays: [1], open: '21:00', close: '09:00' })).toMatch(/晚于/)
    expect(hoursProblem({ weekdays: [1], open: '09:00', close: '09:00' })).toMatch(/晚于/)
  })
})

describe('pickup slots', () => {
  it('today only from now + 30 minutes: at 10:00 the first slot is 11:00, at 10:30 it is 11:00, at 10:31 it is 12:00', () => {
    expect(slotDays(NINE_TO_NINE, shop('2026-12-07T10:00:00'))[0].slots[0]).toBe('2026-12-07 11:00-12:00')
    expect(slotDays(NINE_TO_NINE, shop('2026-12-07T10:30:00'))[0].slots[0]).toBe('2026-12-07 11:00-12:00')
    expect(slotDays(NINE_TO_NINE, shop('2026-12-07T10:31:00'))[0].slots[0]).toBe('2026-12-07 12:00-13:00')
  })

  it('three days from today; a day with nothing left is left out; the next days are whole', () => {
    const days = slotDays(NINE_TO_NINE, shop('2026-12-07T20:45:00'))
    expect(days.map((d) => d.date)).toEqual(['2026-12-08', '2026-12-09'])
    expect(days[0].slots).toHaveLength(12)
    expect(days[0].slots[0]).toBe('2026-12-08 09:00-10:00')
    expect(days[0].slots[11]).toBe('2026-12-08 20:00-21:00')
  })

  it('closed weekdays are skipped (Saturday evening: no Sunday, Monday only)', () => {
    const weekdaysOnly: StoreHours = { weekdays: [1, 2, 3, 4, 5, 6], open: '09:00', close: '21:00' }
    expect(slotDays(weekdaysOnly, shop('2026-12-05T22:00:00')).map((d) => d.date)).toEqual(['2026-12-07'])
  })

  it('a last window shorter than an hour is offered as it is; hours shorter than a slot give one short slot', () => {
    const slots = slotDays({ weekdays: EVERY_DAY, open: '09:30', close: '21:00' }, shop('2026-12-07T06:00:00'))[0].slots
    expect(slots[0]).toBe('2026-12-07 09:30-10:30')
    expect(slots.slice(-2)).toEqual(['2026-12-07 19:30-20:30', '2026-12-07 20:30-21:00'])
    expect(slotDays({ weekdays: EVERY_DAY, open: '09:00', close: '09:40' }, shop('2026-12-07T06:00:00'))[0].slots).toEqual(['2026-12-07 09:00-09:40'])
  })

  it('late at night the preparation time runs into tomorrow: a midnight slot is not offered ten minutes ahead', () => {
    const allDay: StoreHours = { weekdays: EVERY_DAY, open: '00:00', close: '23:59' }
    const days = slotDays(allDay, shop('2026-12-07T23:50:00'))
    expect(days[0].date).toBe('2026-12-08')
    expect(days[0].slots[0]).toBe('2026-12-08 01:00-02:00')
  })

  it('parseSlot: the instants in the shop time; impossible dates, bad times and empty windows are null', () => {
    const p = parseSlot('2026-12-07 10:00-11:00')
    expect(p).toEqual({ day: '2026-12-07', start: new Date('2026-12-07T02:00:00Z'), end: new Date('2026-12-07T03:00:00Z') })
    expect(parseSlot(formatSlot('2026-12-07', 20 * 60 + 30, 21 * 60))).toMatchObject({ end: new Date('2026-12-07T13:00:00Z') })
    for (const bad of ['2026-02-30 10:00-11:00', '2026-13-01 10:00-11:00', '2026-12-07 24:00-25:00', '2026-12-07 10:60-11:00', '2026-12-07 11:00-10:00', '2026-12-07 10:00-10:00', '2026-12-7 10:00-11:00', ' 2026-12-07 10:00-11:00', '2026-12-07T10:00-11:00', ''])
      expect(parseSlot(bad), bad).toBeNull()
  })

  it('slotProblem: null for an offered slot, else why (format, or no longer offered)', () => {
    const now = shop('2026-12-07T10:00:00')
    expect(slotProblem(NINE_TO_NINE, '2026-12-07 11:00-12:00', now)).toBeNull()
    expect(slotProblem(NINE_TO_NINE, '2026-12-09 20:00-21:00', now)).toBeNull()
    expect(slotProblem(NINE_TO_NINE, '2026-12-07 10:00-11:00', now)).toMatch(/不可选/)
    expect(slotProblem(NINE_TO_NINE, '2026-12-10 10:00-11:00', now)).toMatch(/不可选/)
    expect(slotProblem(NINE_TO_NINE, '2026-12-07 10:30-11:30', now)).toMatch(/不可选/)
    expect(slotProblem(NINE_TO_NINE, '2026-02-30 10:00-11:00', now)).toMatch(/格式/)
    expect(slotProblem(NINE_TO_NINE, 'tomorrow', now)).toMatch(/格式/)
  })
})
