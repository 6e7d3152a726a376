import type { PropsWithChildren } from 'react'
import { useDidShow } from '@tarojs/taro'
import { launchInvite, launchScene, launchStore } from '@/platform/launch'
import { attributeScene } from '@/services/attribution'
import { noteInvite } from '@/services/referrals'
import { rememberStore } from '@/services/chosen-store'
import { syncCartBadge, useCart } from '@/store/cart'
import { currentToken } from '@/store/session'
import './app.scss'

function App({ children }: PropsWithChildren) {
  // The cart survives a restart, but its tab badge does not: set it again when the app
  // comes to the front, once the first tab page exists; and re-read a logged-in cart,
  // which may have changed on another device.
  useDidShow(() => {
    // The scene this entry came with (a code, a poster, a chat share): attributed once per run.
    void attributeScene(launchScene())
    // An invite share's code (?invite=): kept, and accepted for the shopper once signed in.
    void noteInvite(launchInvite())
    // A store's code (st=<id>): the shop opens with that store chosen (pickup, the store list).
    rememberStore(launchStore())
    setTimeout(() => {
      if (currentToken()) void useCart.getState().refresh().catch(() => undefined)
      syncCartBadge(useCart.getState().count)
    }, 300)
  })
  return children
}

export default App
