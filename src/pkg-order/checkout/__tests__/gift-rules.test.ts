import { describe, expect, it } from 'vitest'
import { MAX_GIFT_RECIPIENTS } from '@/domain/gifts'
import { giftProblem, keepRecipients, messageCounter, recipientChoices, stepRecipients } from '../gift-rules'

describe('the recipients stepper', () => {
  it('offers only numbers that split every line evenly', () => {
    expect(recipientChoices([{ skuId: 1, quantity: 1 }])).toEqual([1])
    expect(recipientChoices([{ skuId: 1, quantity: 6 }])).toEqual([1, 2, 3, 6])
    expect(recipientChoices([{ skuId: 1, quantity: 6 }, { skuId: 2, quantity: 4 }])).toEqual([1, 2])
    expect(recipientChoices([{ skuId: 1, quantity: 7 }, { skuId: 2, quantity: 4 }])).toEqual([1])
  })

  it('stops at the most recipients a gift may have', () => {
    const choices = recipientChoices([{ skuId: 1, quantity: 120 }])
    expect(Math.max(...choices)).toBe(20)
    expect(choices.every((n) => n <= MAX_GIFT_RECIPIENTS && 120 % n === 0)).toBe(true)
  })

  it('steps to the next allowed number each way and stays put at a bound', () => {
    const choices = [1, 2, 3, 6]
    expect(stepRecipients(1, 1, choices)).toBe(2)
    expect(stepRecipients(3, 1, choices)).toBe(6)
    expect(stepRecipients(6, 1, choices)).toBe(6)
    expect(stepRecipients(6, -1, choices)).toBe(3)
    expect(stepRecipients(1, -1, choices)).toBe(1)
  })

  it('falls back to the largest number that still fits when the lines change', () => {
    expect(keepRecipients(3, [1, 2, 3, 6])).toBe(3)
    expect(keepRecipients(3, [1, 2])).toBe(2)
    expect(keepRecipients(5, [1])).toBe(1)
  })
})

describe('the gift form', () => {
  const lines = [{ skuId: 1, quantity: 4 }]

  it('accepts an empty or a 60-character message', () => {
    expect(giftProblem({ message: '', recipients: 1 }, lines)).toBeNull()
    expect(giftProblem({ message: '礼'.repeat(60), recipients: 2 }, lines)).toBeNull()
  })

  it('says what is wrong before the order is placed, as the server would', () => {
    expect(giftProblem({ message: '礼'.repeat(61), recipients: 1 }, lines)).toBe('祝福语最多 60 个字')
    expect(giftProblem({ message: '', recipients: 3 }, lines)).toBe('每位领取人份数相同：每件商品的数量须是 3 的倍数')
    expect(giftProblem({ message: '', recipients: 0 }, lines)).toBe('领取人数须在 1–20 之间')
  })

  it('counts characters as the server does (an emoji is one) and ignores the spaces around', () => {
    expect(messageCounter('生日快乐🎂')).toBe('5/60')
    expect(giftProblem({ message: ` ${'礼'.repeat(60)} `, recipients: 1 }, lines)).toBeNull()
  })
})
