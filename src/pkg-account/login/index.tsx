import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { LIMITS } from '@/domain/validation'
import { loginAdapter } from '@/platform/login'
import { errorMessage } from '@/services/http'
import { useCart } from '@/store/cart'
import { useSession } from '@/store/session'
import { backTarget } from './back-target'
import { signIn } from './sign-in'
import './index.scss'

export default function LoginPage() {
  const { params } = useRouter()
  const [nickname, setNickname] = useState('')
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)

  const login = async () => {
    if (busy) return
    setBusy(true)
    setMessage(null)
    const result = await signIn(loginAdapter, { nickname })
    if (result.status !== 'ok') {
      setBusy(false)
      if (result.status === 'cancelled') setMessage('已取消登录')
      else setMessage(result.status === 'failed' ? result.message : result.reason)
      return
    }
    useSession.getState().signIn(result.session)
    try {
      await useCart.getState().mergeGuestCart()
    } catch (err) {
      // The guest lines stay on this device and merge next time; logging in still counts.
      void Taro.showToast({ title: `购物车同步失败：${errorMessage(err)}`, icon: 'none' })
    }
    const back = backTarget(params.back)
    if (back.tab) void Taro.switchTab({ url: back.url })
    else void Taro.redirectTo({ url: back.url })
  }

  // No Button `loading`: toggling it crashes Taro's H5 button (insertBefore); the text says it instead.
  return (
    <View className="login-page">
      <View className="login-page__brand">
        <Text className="login-page__logo">Duet</Text>
        <Text className="login-page__slogan">好物一站购齐</Text>
      </View>
      {loginAdapter.kind === 'nickname' ? (
        <View className="login-page__field">
          <Text className="login-page__label">昵称</Text>
          <Input
            className="login-page__input"
            value={nickname}
            placeholder="给预览账号起个名字"
            maxlength={LIMITS.nickname}
            onInput={(e) => setNickname(e.detail.value)}
            onConfirm={() => void login()}
          />
        </View>
      ) : null}
      {message ? <View className="login-page__message">{message}</View> : null}
      <Button className="login-button" disabled={busy || undefined} onClick={() => void login()}>
        {busy ? '登录中…' : loginAdapter.buttonText}
      </Button>
      <View className="login-page__tip">登录即表示同意《用户协议》和《隐私政策》</View>
    </View>
  )
}
