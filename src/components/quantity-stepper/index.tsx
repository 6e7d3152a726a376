import { Text, View } from '@tarojs/components'
import './index.scss'

export interface QuantityStepperProps {
  value: number
  min?: number
  max: number
  disabled?: boolean
  onChange: (value: number) => void
}

/** A bounded −/+ control; the buttons at a bound are disabled rather than silently doing nothing. */
export default function QuantityStepper({ value, min = 1, max, disabled = false, onChange }: QuantityStepperProps) {
  const canMinus = !disabled && value > min
  const canPlus = !disabled && value < max
  const step = (delta: number) => {
    const next = Math.min(Math.max(value + delta, min), Math.max(min, max))
    if (next !== value) onChange(next)
  }
  return (
    <View className={`quantity-stepper${disabled ? ' quantity-stepper--disabled' : ''}`}>
      <View
        className={`quantity-stepper__btn quantity-stepper__minus${canMinus ? '' : ' is-disabled'}`}
        aria-disabled={canMinus ? undefined : 'true'}
        aria-label="减少"
        onClick={() => canMinus && step(-1)}
      >
        −
      </View>
      <Text className="quantity-stepper__value">{value}</Text>
      <View
        className={`quantity-stepper__btn quantity-stepper__plus${canPlus ? '' : ' is-disabled'}`}
        aria-disabled={canPlus ? undefined : 'true'}
        aria-label="增加"
        onClick={() => canPlus && step(1)}
      >
        +
      </View>
    </View>
  )
}
