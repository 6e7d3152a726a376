/** Where the shopper is (GCJ-02, as both mini-program hosts answer and the stores are entered), or why not. */
export type LocateResult = { lat: number; lng: number } | { refused: true } | { failed: string }

/** A place to show in the host's map (its own navigation takes over from there). */
export interface MapPlace {
  lat: number
  lng: number
  name: string
  address: string
}

export interface LocationAdapter {
  /** Asks for the position once; a refusal (now or earlier) is `refused`, anything else `failed`. */
  locate(): Promise<LocateResult>
  openInMap(place: MapPlace): Promise<void>
  /** Whether the host has a settings page where a refused location can be switched back on (去设置开启定位). */
  canReopenSettings: boolean
  /** Opens that page; true when location is allowed afterwards. */
  reopenSettings(): Promise<boolean>
}
