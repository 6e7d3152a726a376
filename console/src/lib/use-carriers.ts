import { useEffect, useState } from 'react'
import { listCarriers, type Carrier } from '../api/shipping'

/** The carriers for a select; loaded once per dialog (listCarriers falls back to the built-in list). */
export function useCarriers(open: boolean): Carrier[] {
  const [carriers, setCarriers] = useState<Carrier[]>([])
  useEffect(() => {
    if (!open || carriers.length) return
    let live = true
    void listCarriers().then((c) => live && setCarriers(c))
    return () => {
      live = false
    }
  }, [open, carriers.length])
  return carriers
}

export const carrierOptions = (carriers: Carrier[]) => carriers.map((c) => ({ value: c.code, label: c.name }))
