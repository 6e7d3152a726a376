import { useState } from 'react'
import { App, Upload, type UploadFile } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import type { UploadedImage } from '../api/catalog'
import { imageUploadProps, MAX_IMAGE_BYTES } from '../lib/image-upload'

/**
 * One picture (a banner's, a category icon), uploaded to POST /api/admin/images; value is its URL.
 * The file being uploaded is kept in the list meanwhile: antd drops the upload's answer for a file
 * that is not in a controlled fileList, so a list made from `value` alone never saw it finish.
 */
export function SingleImageUpload({ value, onChange }: { value?: string; onChange?: (url: string | undefined) => void }) {
  const { message } = App.useApp()
  const [pending, setPending] = useState<UploadFile | null>(null)
  const fileList: UploadFile[] = pending ? [pending] : value ? [{ uid: value, name: value.split('/').pop() ?? 'image', status: 'done', url: value }] : []
  return (
    <Upload
      {...imageUploadProps()}
      fileList={fileList}
      maxCount={1}
      beforeUpload={(file) => {
        if (file.size > MAX_IMAGE_BYTES) {
          void message.error('图片不能超过 5 MB')
          return Upload.LIST_IGNORE
        }
        return true
      }}
      onChange={({ file }) => {
        if (file.status === 'uploading') setPending(file)
        else if (file.status === 'done') {
          setPending(null)
          onChange?.((file.response as UploadedImage).url)
        } else if (file.status === 'error') {
          setPending(null)
          void message.error((file.response as { message?: string } | undefined)?.message ?? '上传失败')
        } else if (file.status === 'removed') {
          setPending(null)
          onChange?.(undefined)
        }
      }}
    >
      {!value && !pending && (
        <div>
          <PlusOutlined />
          <div style={{ marginTop: 8 }}>上传</div>
        </div>
      )}
    </Upload>
  )
}
