import { App, Upload, type UploadFile } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { getToken } from '../api/client'
import { IMAGE_UPLOAD_URL, type UploadedImage } from '../api/catalog'

/** One picture (a banner's, a category icon), uploaded to POST /api/admin/images; value is its URL. */
export function SingleImageUpload({ value, onChange }: { value?: string; onChange?: (url: string | undefined) => void }) {
  const { message } = App.useApp()
  const fileList: UploadFile[] = value ? [{ uid: value, name: value.split('/').pop() ?? 'image', status: 'done', url: value }] : []
  return (
    <Upload
      listType="picture-card"
      action={IMAGE_UPLOAD_URL}
      name="file"
      accept="image/jpeg,image/png,image/webp,image/gif"
      headers={{ authorization: `Bearer ${getToken() ?? ''}` }}
      fileList={fileList}
      maxCount={1}
      beforeUpload={(file) => {
        if (file.size > 5 * 1024 * 1024) {
          void message.error('图片不能超过 5 MB')
          return Upload.LIST_IGNORE
        }
        return true
      }}
      onChange={({ file }) => {
        if (file.status === 'done') onChange?.((file.response as UploadedImage).url)
        else if (file.status === 'error') void message.error((file.response as { message?: string } | undefined)?.message ?? '上传失败')
        else if (file.status === 'removed') onChange?.(undefined)
      }}
    >
      {!value && (
        <div>
          <PlusOutlined />
          <div style={{ marginTop: 8 }}>上传</div>
        </div>
      )}
    </Upload>
  )
}
