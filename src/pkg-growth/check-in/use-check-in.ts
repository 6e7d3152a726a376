import { useCallback, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { CheckInCalendar, CheckInResult } from '@/domain/points'
import { shiftMonth } from '@/domain/check-in-calendar'
import { errorMessage } from '@/services/http'
import { checkIn, fetchCheckInCalendar } from '@/services/points'

function toast(title: string) {
  void Taro.showToast({ title, icon: 'none' })
}

/**
 * The check-in page's data: the calendar of the month shown (this month in the shop's time
 * zone first, as the server says), today's check-in, and month switching. The server decides
 * everything: a second tap (or one racing another device) answers `already` with nothing more.
 */
export function useCheckIn() {
  const [calendar, setCalendar] = useState<CheckInCalendar | null>(null)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)
  const [result, setResult] = useState<CheckInResult | null>(null)
  const [busy, setBusy] = useState(false)
  const busyRef = useRef(false)
  // An answer for a month the shopper already switched away from must not land.
  const asked = useRef<string | undefined>(undefined)

  const load = useCallback(async (month?: string) => {
    asked.current = month
    try {
      const c = await fetchCheckInCalendar(month)
      if (asked.current !== month) return
      setCalendar(c)
      setStatus('ready')
    } catch (err) {
      if (asked.current !== month) return
      setError(err)
      setStatus('error')
    }
  }, [])

  const switchMonth = (by: number) => {
    if (!calendar) return
    void load(shiftMonth(calendar.month, by))
  }

  const tap = async () => {
    if (busyRef.current) return
    busyRef.current = true
    setBusy(true)
    try {
      const r = await checkIn()
      setResult(r)
      toast(r.already ? '今日已签到' : `签到成功 +${r.awarded} 积分`)
      // Today's month again, with today marked and the streak and balance as they are now.
      await load(undefined)
    } catch (err) {
      toast(errorMessage(err))
    } finally {
      busyRef.current = false
      setBusy(false)
    }
  }

  const checkedToday = Boolean(result) || Boolean(calendar?.checkedToday)
  /** "今日已签到 +5" after this visit's check-in; "今日已签到" when it was done before. */
  const buttonText = busy ? '签到中…' : !checkedToday ? '签到' : result && !result.already ? `今日已签到 +${result.awarded}` : '今日已签到'
  return { calendar, status, error, load, switchMonth, tap, busy, checkedToday, buttonText, balance: result?.balance ?? calendar?.balance ?? 0 }
}
