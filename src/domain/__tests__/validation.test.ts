import { describe, expect, it } from 'vitest'
import { LIMITS, checkAddress, checkPhone } from '../validation'

const good = { name: '李雷', phone: '13800138000', region: ['广东省', '深圳市', '南山区'], detail: '科技园南区 8 栋 1201' }

describe('address rules', () => {
  it('accepts a complete address', () => expect(checkAddress(good)).toBeNull())

  it.each(['1380013800', '23800138000', '138001380001', '1380013800a', ''])('refuses phone %j', (phone) => {
    expect(checkPhone(phone)).not.toBeNull()
  })

  it('reports the first problem in form order', () => {
    expect(checkAddress({ ...good, name: ' ', phone: 'x' })).toBe('请填写收货人')
    expect(checkAddress({ ...good, phone: '123' })).toBe('请输入 11 位手机号')
    expect(checkAddress({ ...good, region: ['广东省', '深圳市'] })).toBe('请选择省、市、区')
    expect(checkAddress({ ...good, detail: '短' })).toMatch(/详细地址/)
  })

  it('counts characters, not UTF-16 units, so emoji count once', () => {
    expect(checkAddress({ ...good, name: '😀'.repeat(LIMITS.receiverName) })).toBeNull()
    expect(checkAddress({ ...good, name: '😀'.repeat(LIMITS.receiverName + 1) })).toMatch(/最多/)
  })
})
