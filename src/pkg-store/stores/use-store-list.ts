import { useCallback, useRef, useState } from 'react'
import type { StoreListItem } from '@/domain/stores'
import type { ViewStatus } from '@/lib/view-status'
import { locationAdapter } from '@/platform/location'
import { chosenStore, fetchStores } from '@/services/stores'

/** How the list is ordered: by distance from the shopper, or (no position) the stores of one city. */
export type ListMode = { kind: 'near' } | { kind: 'city'; refused: boolean; city: string | null }

/**
 * The store list: asks for the position once per visit; granted → nearest first; refused or
 * failed → the city list (the chosen store's city, else the first) and that city's stores.
 */
export function useStoreList() {
  const [status, setStatus] = useState<ViewStatus>('loading')
  const [error, setError] = useState<unknown>(null)
  const [items, setItems] = useState<StoreListItem[]>([])
  const [cities, setCities] = useState<string[]>([])
  const [mode, setMode] = useState<ListMode | null>(null)
  const asked = useRef(false)

  const show = (list: StoreListItem[]) => {
    setItems(list)
    setStatus(list.length ? 'ready' : 'empty')
  }

  const byCity = useCallback(async (refused: boolean, city: string | null) => {
    const all = await fetchStores(city ? { city } : {})
    setCities(all.cities)
    // Without a city yet: the one of the store chosen before, else the first one with a store.
    const remembered = all.items.find((s) => s.id === chosenStore())?.city
    const pick = city ?? remembered ?? all.cities[0] ?? null
    setMode({ kind: 'city', refused, city: pick })
    show(pick && !city ? all.items.filter((s) => s.city === pick) : all.items)
  }, [])

  const load = useCallback(async () => {
    setStatus((s) => (s === 'ready' ? s : 'loading'))
    try {
      if (asked.current && mode?.kind === 'city') {
        await byCity(mode.refused, mode.city)
        return
      }
      asked.current = true
      const where = await locationAdapter.locate()
      if ('lat' in where) {
        const near = await fetchStores({ lat: where.lat, lng: where.lng })
        setCities(near.cities)
        setMode({ kind: 'near' })
        show(near.items)
      } else {
        await byCity('refused' in where, null)
      }
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [byCity, mode])

  const chooseCity = useCallback(
    async (city: string) => {
      try {
        await byCity(mode?.kind === 'city' && mode.refused, city)
      } catch (err) {
        setError(err)
        setStatus('error')
      }
    },
    [byCity, mode],
  )

  /** 去设置开启定位 (WeChat): back from the settings page with location on → nearest first. */
  const reopenSettings = useCallback(async () => {
    if (!(await locationAdapter.reopenSettings())) return
    asked.current = false
    setMode(null)
    setStatus('loading')
    const where = await locationAdapter.locate()
    if ('lat' in where) {
      const near = await fetchStores({ lat: where.lat, lng: where.lng })
      setMode({ kind: 'near' })
      show(near.items)
    }
  }, [])

  return { status, error, items, cities, mode, load, chooseCity, reopenSettings }
}
