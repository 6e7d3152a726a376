import Taro from '@tarojs/taro'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { uploadAfterSalePhoto } from '../after-sales'

const taro = Taro as unknown as { uploadFile?: (o: unknown) => Promise<unknown> }

describe('after-sales photo upload', () => {
  afterEach(() => {
    vi.useRealTimers()
    delete taro.uploadFile
  })

  it('answers the server path; sends the file as `file` with the image type', async () => {
    const upload = vi.fn(async () => ({ statusCode: 201, data: '{"url":"/api/uploads/ab12.jpg"}' }))
    taro.uploadFile = upload
    await expect(uploadAfterSalePhoto('blob:photo')).resolves.toBe('/api/uploads/ab12.jpg')
    expect(upload).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'blob:photo', name: 'file', fileType: 'image', timeout: 60_000 }))
  })

  it("says what the server refused (type, size) in the server's words", async () => {
    taro.uploadFile = async () => ({ statusCode: 415, data: '{"code":"BAD_IMAGE_TYPE","message":"只能上传 JPG、PNG 或 WebP 图片"}' })
    await expect(uploadAfterSalePhoto('blob:photo')).rejects.toMatchObject({ status: 415, code: 'BAD_IMAGE_TYPE' })
  })

  it('gives up after its own deadline when the upload never answers (the H5 upload on a dropped network)', async () => {
    vi.useFakeTimers()
    taro.uploadFile = () => new Promise(() => {})
    const result = uploadAfterSalePhoto('blob:photo').catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(65_000)
    expect(await result).toMatchObject({ status: 504, code: 'UPLOAD_TIMEOUT', message: '图片上传超时，请检查网络后重试' })
  })
})
