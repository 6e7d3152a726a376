import type { PropsWithChildren } from 'react'
import { useDidShow } from '@tarojs/taro'
import { syncCartBadge, useCart } from '@/store/cart'
import { currentToken } from '@/store/session'
import './app.scss'

function App({ children }: PropsWithChildren) {
  // The cart survives a restart, but its tab badge does not: set it again when the app
  // comes to the front, once the first tab page exists; and re-read a logged-in cart,
  // which may have changed on another device.
  useDidShow(() => {
    setTimeout(() => {
      if (currentToken()) void useCart.getState().refresh().catch(() => undefined)
      syncCartBadge(useCart.getState().count)
    }, 300)
  })
  return children
}

export default App
