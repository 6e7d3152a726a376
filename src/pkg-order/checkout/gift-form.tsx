import { Text, Textarea, View } from '@tarojs/components'
import { MAX_GIFT_MESSAGE, type GiftInput } from '@/domain/gifts'
import { messageCounter, stepRecipients } from './gift-rules'
import './gift-form.scss'

export interface GiftFormProps {
  value: GiftInput
  /** The recipient numbers these lines allow (recipientChoices). */
  choices: readonly number[]
  /** Why the gift can't be placed as it is (giftProblem), shown before submitting. */
  problem: string | null
  onChange: (gift: GiftInput) => void
}

/** 送礼: replaces the address block. Recipients claim their shares and give their own addresses. */
export default function GiftForm({ value, choices, problem, onChange }: GiftFormProps) {
  const minus = stepRecipients(value.recipients, -1, choices)
  const plus = stepRecipients(value.recipients, 1, choices)
  const step = (next: number) => {
    if (next !== value.recipients) onChange({ ...value, recipients: next })
  }
  return (
    <View className="checkout-card gift-form">
      <Text className="gift-form__title">礼物祝福语</Text>
      <Textarea
        className="gift-form__message"
        value={value.message}
        maxlength={MAX_GIFT_MESSAGE}
        placeholder="写一句祝福吧（选填）"
        onInput={(e) => onChange({ ...value, message: e.detail.value })}
      />
      <Text className="gift-form__counter">{messageCounter(value.message)}</Text>
      <View className="gift-form__row">
        <View className="gift-form__label">
          <Text>领取人数</Text>
          <Text className="gift-form__hint">{value.recipients > 1 ? '每人领取相同的一份' : '第一位打开礼物的好友领取'}</Text>
        </View>
        <View className="gift-form__stepper">
          <View className={`gift-form__btn gift-form__minus${minus === value.recipients ? ' is-disabled' : ''}`} onClick={() => step(minus)}>
            −
          </View>
          <Text className="gift-form__recipients">{value.recipients}</Text>
          <View className={`gift-form__btn gift-form__plus${plus === value.recipients ? ' is-disabled' : ''}`} onClick={() => step(plus)}>
            +
          </View>
        </View>
      </View>
      {choices.length === 1 ? <Text className="gift-form__hint">多人礼物需要每件商品的数量能平分</Text> : null}
      {problem ? <Text className="gift-form__problem">{problem}</Text> : null}
      <Text className="gift-form__note">付款后把礼物分享给好友，好友填写地址后发货；24 小时内未领取的份额自动退款</Text>
    </View>
  )
}
