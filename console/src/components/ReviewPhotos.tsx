import { Image, Space } from 'antd'

/** A review's photos as small thumbnails; a click opens them large, one after another. */
export function ReviewPhotos({ photos, size = 56 }: { photos: string[]; size?: number }) {
  if (photos.length === 0) return null
  return (
    <Image.PreviewGroup>
      <Space size={4} wrap>
        {photos.map((url, i) => (
          <Image key={url + i} src={url} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 4 }} alt={`评价图片 ${i + 1}`} />
        ))}
      </Space>
    </Image.PreviewGroup>
  )
}
