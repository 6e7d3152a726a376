import { describe, expect, it } from 'vitest'
import { couponLabel, couponReasons, fullDiscountLabel, fullReductionLabel, nForNLabel, nudgeMessages, yuanLabel } from '../promotions'

describe('labels', () => {
  it.each([
    [fullReductionLabel('amount', 20000, 2000, false), '满200减20'],
    [fullReductionLabel('amount', 20000, 2000, true), '每满200减20'],
    [fullReductionLabel('amount', 19990, 550, false), '满199.90减5.50'],
    [fullReductionLabel('quantity', 3, 1000, false), '满3件减10'],
    [fullDiscountLabel('quantity', 2, 80), '满2件8折'],
    [fullDiscountLabel('amount', 30000, 95), '满300元9.5折'],
    [nForNLabel(3, 9900), '任选3件99元'],
    [nForNLabel(2, 12990), '任选2件129.90元'],
    [couponLabel({ title: '满100减10' }), '满100减10券'],
    [couponLabel({ title: '全场9折券' }), '全场9折券'],
    [yuanLabel(5), '0.05'],
    [couponReasons.threshold(2300), '再买 23.00 元可用'],
    [couponReasons.blockedBy('限时特惠'), '不与限时特惠同享'],
    [nudgeMessages.reduction('amount', 2300, 2000), '再买 23.00 元，可减 20.00'],
    [nudgeMessages.discount('quantity', 1, 80), '再买 1 件，可打 8 折'],
    [nudgeMessages.bundle(2, '任选3件99元'), '再买 2 件，可享任选3件99元'],
  ])('%s', (got, want) => expect(got).toBe(want))
})
