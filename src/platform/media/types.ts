/** Picking photos for an after-sales request or a review: local file paths Taro.uploadFile can send. */
export type PickResult = { status: 'picked'; paths: string[] } | { status: 'cancelled' } | { status: 'failed'; message: string }

export interface MediaAdapter {
  /** At most `count` images (1..9), compressed where the host can. */
  pickImages(count: number): Promise<PickResult>
  /** Full-screen preview of `urls` (absolute), opening at `current`; a host that can't preview does nothing. */
  previewImages(urls: string[], current: string): void
}
