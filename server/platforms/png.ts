import sharp from 'sharp'
import { ProviderError } from './types'

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/**
 * The codes facet answers PNG whatever the platform sent: WeChat's getwxacodeunlimit answers
 * image/jpeg unless is_hyaline, Alipay's file server whatever it stored. A PNG passes as it came.
 */
export async function asPng(img: Buffer, what: string): Promise<Buffer> {
  if (img.subarray(0, 8).equals(PNG_MAGIC)) return img
  try {
    return await sharp(img).png().toBuffer()
  } catch (err) {
    throw new ProviderError(`${what}: the image is unreadable (${(err as Error).message})`)
  }
}
