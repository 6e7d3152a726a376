import { useState } from 'react'
import { App, Upload, type UploadFile } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { STORE_PHOTO_UPLOAD_URL } from '../api/stores'
import { imageUploadProps, MAX_IMAGE_BYTES } from '../lib/image-upload'

const MAX_PHOTOS = 9

/**
 * A store's photos, uploaded to POST /api/admin/stores/photos ({url}); value is their URLs.
 * Files still uploading stay in the list (antd drops an answer for a file not in a controlled list).
 */
export function StorePhotos({ value = [], onChange }: { value?: string[]; onChange?: (urls: string[]) => void }) {
  const { message } = App.useApp()
  const [pending, setPending] = useState<UploadFile[]>([])
  const done: UploadFile[] = value.map((url, i) => ({ uid: `photo-${i}-${url}`, name: url.split('/').pop() ?? `照片${i + 1}`, status: 'done', url }))
  return (
    <Upload
      {...imageUploadProps()}
      action={STORE_PHOTO_UPLOAD_URL}
      fileList={[...done, ...pending]}
      multiple
      maxCount={MAX_PHOTOS}
      beforeUpload={(file) => {
        if (file.size > MAX_IMAGE_BYTES) {
          void message.error(`${file.name} 超过 5 MB`)
          return Upload.LIST_IGNORE
        }
        return true
      }}
      onChange={({ file }) => {
        if (file.status === 'uploading') setPending((p) => [...p.filter((f) => f.uid !== file.uid), file])
        else {
          setPending((p) => p.filter((f) => f.uid !== file.uid))
          if (file.status === 'done') onChange?.([...value, (file.response as { url: string }).url])
          else if (file.status === 'error') void message.error((file.response as { message?: string } | undefined)?.message ?? `${file.name} 上传失败`)
          else if (file.status === 'removed' && file.url) onChange?.(value.filter((u) => u !== file.url))
        }
      }}
    >
      {value.length + pending.length < MAX_PHOTOS && (
        <div>
          <PlusOutlined />
          <div style={{ marginTop: 8 }}>上传照片</div>
        </div>
      )}
    </Upload>
  )
}
