/** Picking photos for an after-sales request: local file paths Taro.uploadFile can send. */
export type PickResult = { status: 'picked'; paths: string[] } | { status: 'cancelled' } | { status: 'failed'; message: string }

export interface MediaAdapter {
  /** At most `count` images (1..6), compressed where the host can. */
  pickImages(count: number): Promise<PickResult>
}
