import { useEffect, useRef, useState } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { countdownText } from './countdown-text'
import './index.scss'

export interface CountdownProps {
  /** Epoch ms the offer ends. */
  endsAt: number
  /** "距结束". */
  prefix?: string
  /** Called once when the time is up (the page reloads the product: the offer is over). */
  onEnd?: () => void
}

/**
 * Ticks once a second until `endsAt`. The timer stops while the page is hidden (no work for a
 * page nobody sees) and on unmount; on show it picks up the real time left.
 */
export default function Countdown({ endsAt, prefix = '距结束', onEnd }: CountdownProps) {
  const [now, setNow] = useState(() => Date.now())
  const [visible, setVisible] = useState(true)
  const onEndRef = useRef(onEnd)
  const ended = useRef(false)

  useEffect(() => {
    onEndRef.current = onEnd
  }, [onEnd])

  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))

  useEffect(() => {
    ended.current = false
  }, [endsAt])

  useEffect(() => {
    if (!visible) return
    const tick = () => {
      const t = Date.now()
      setNow(t)
      if (t >= endsAt) {
        clearInterval(timer)
        if (!ended.current) {
          ended.current = true
          onEndRef.current?.()
        }
      }
    }
    const timer = setInterval(tick, 1000)
    tick()
    return () => clearInterval(timer)
  }, [endsAt, visible])

  return (
    <View className="countdown">
      <Text className="countdown__prefix">{prefix}</Text>
      <Text className="countdown__time">{countdownText(endsAt - now)}</Text>
    </View>
  )
}
