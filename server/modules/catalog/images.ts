import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { FastifyRequest } from 'fastify'
import sharp from 'sharp'
import type { Queryable } from '../../db'
import { AppError, badInput } from '../../lib/errors'
import { recordAudit, type AdminIdentity } from '../staff'

/** The upload limit of POST /api/admin/images (the multipart plugin's fileSize). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024
/** Thumbnails (list cards, the console's grid): this wide, webp. */
export const THUMB_WIDTH = 400
/** A decompression bomb (a tiny file that decodes to gigapixels) is refused before decoding. */
const MAX_PIXELS = 40_000_000

export const badImageType = () => new AppError(415, 'BAD_IMAGE_TYPE', '只能上传 JPEG、PNG、WebP 或 GIF 图片')
export const fileTooLarge = () => new AppError(413, 'FILE_TOO_LARGE', `图片不能超过 ${MAX_IMAGE_BYTES / 1024 / 1024} MB`)

/** The multipart plugin's limits for an image upload route: one file of `fileSize` bytes at most, a couple of small fields. */
export const imageUploadLimits = (fileSize: number) => ({ fileSize, files: 1, fields: 2, parts: 3, fieldSize: 1024, headerPairs: 50 })

/**
 * The one file of a multipart image upload (field `file`), as bytes; the client's filename and
 * Content-Type are ignored: the name is ours, the type is sniffed. Not multipart, no file, or an
 * unreadable body is a 400; a body over the plugin's fileSize limit is `tooLarge()`.
 */
export async function readImageUpload(req: FastifyRequest, tooLarge: () => AppError): Promise<Buffer> {
  if (!req.isMultipart()) throw badInput('file: 请用 multipart/form-data 上传图片（字段名 file）', 'file')
  try {
    const file = await req.file()
    if (!file || file.fieldname !== 'file') throw badInput('file: 请选择要上传的图片（字段名 file）', 'file')
    return await file.toBuffer()
  } catch (err) {
    if (err instanceof AppError) throw err
    if ((err as { statusCode?: number }).statusCode === 413) throw tooLarge()
    throw badInput('file: 上传的内容无法读取', 'file')
  }
}

/**
 * Where uploaded images live. The local disk is the one implementation today; an object
 * store (OSS, COS, S3) is another class with the same two methods, chosen in app.ts when
 * configured: callers only ever see the URL it answers.
 */
export interface ImageStore {
  /** Stores the bytes under `name` (ours, random: never the client's filename) and answers its public URL. */
  put(name: string, data: Buffer, contentType: string): Promise<string>
}

/** Names we generate: 32 hex characters, an optional size suffix, one of our extensions. Nothing else is ever a path. */
const SAFE_NAME = /^[a-f0-9]{32}(?:_\d{2,4})?\.(?:jpg|png|webp|gif)$/

/**
 * Files in one folder (DATA_DIR/uploads), served by GET /api/uploads/<file> (@fastify/static,
 * in app.ts). The folder is 0700 like DATA_DIR and the files 0600: only this server reads them.
 */
export class LocalImageStore implements ImageStore {
  constructor(
    readonly dir: string,
    readonly urlPrefix = '/api/uploads/',
  ) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  }

  async put(name: string, data: Buffer): Promise<string> {
    if (!SAFE_NAME.test(name)) throw new Error(`refusing to store an image under ${JSON.stringify(name)}`)
    // wx: a name is never reused, so nothing is ever overwritten.
    await fs.promises.writeFile(path.join(this.dir, name), data, { flag: 'wx', mode: 0o600 })
    return `${this.urlPrefix}${name}`
  }
}

type Kind = 'jpeg' | 'png' | 'webp' | 'gif'
const EXT: Record<Kind, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', gif: 'gif' }
const MIME: Record<Kind, string> = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' }

/**
 * The type by the file's first bytes, never by its name or the client's Content-Type. Only the
 * four raster formats get as far as the decoder: SVG (scripts), TIFF, HEIF, PDF and the rest
 * that libvips could read are refused here.
 */
export function sniff(buf: Buffer): Kind | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg'
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  if (buf.length >= 6 && ['GIF87a', 'GIF89a'].includes(buf.subarray(0, 6).toString('latin1'))) return 'gif'
  if (buf.length >= 12 && buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp'
  return null
}

export interface ProcessedImage {
  kind: Kind
  main: Buffer
  thumb: Buffer
  width: number
  height: number
}

/**
 * Decodes and re-encodes: what is stored is pixels we wrote, without the upload's metadata
 * (EXIF, GPS position, camera serial: sharp keeps none unless asked), turned upright first.
 * A file whose header lies (a text file called .png) fails to decode: 415.
 */
export async function processImage(buf: Buffer): Promise<ProcessedImage> {
  const kind = sniff(buf)
  if (!kind) throw badImageType()
  try {
    const meta = await sharp(buf, { limitInputPixels: MAX_PIXELS }).metadata()
    if (meta.format !== kind) throw badImageType()
    const animated = (meta.pages ?? 1) > 1 && (kind === 'gif' || kind === 'webp')
    const input = sharp(buf, { limitInputPixels: MAX_PIXELS, animated })
    const upright = animated ? input : input.rotate()
    const encoded =
      kind === 'jpeg' ? upright.jpeg({ quality: 85, mozjpeg: true }) : kind === 'png' ? upright.png() : kind === 'webp' ? upright.webp({ quality: 85 }) : upright.gif()
    const { data: main, info } = await encoded.toBuffer({ resolveWithObject: true })
    const thumb = await sharp(buf, { limitInputPixels: MAX_PIXELS }).rotate().resize({ width: THUMB_WIDTH, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer()
    const height = animated ? (meta.pageHeight ?? info.height) : info.height
    return { kind, main, thumb, width: info.width, height }
  } catch (err) {
    if (err instanceof AppError) throw err
    throw badImageType()
  }
}

export interface UploadedImage {
  url: string
  thumbUrl: string
  width: number
  height: number
}

/** Processes, stores (random names) and audits one upload. */
export async function uploadImage(store: ImageStore, db: Queryable, actor: AdminIdentity, buf: Buffer): Promise<UploadedImage> {
  const img = await processImage(buf)
  const id = crypto.randomBytes(16).toString('hex')
  const url = await store.put(`${id}.${EXT[img.kind]}`, img.main, MIME[img.kind])
  const thumbUrl = await store.put(`${id}_${THUMB_WIDTH}.webp`, img.thumb, 'image/webp')
  const answer = { url, thumbUrl, width: img.width, height: img.height }
  await recordAudit(db, actor, { action: 'image.upload', entity: 'image', entityId: id, after: { ...answer, bytes: img.main.length } })
  return answer
}
