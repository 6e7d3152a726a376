import { useState } from 'react'
import { Link } from 'react-router-dom'
import { App, Checkbox, Rate, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd'
import { featureReview, hideReview, listReviews, replyReview, showReview, type AdminReview } from '../api/reviews'
import { useAuth } from '../auth'
import { FeatureMissing } from '../components/FeatureMissing'
import { PageTitle } from '../components/PageTitle'
import { ReasonDialog } from '../components/ReasonDialog'
import { ReviewPhotos } from '../components/ReviewPhotos'
import { StatusTabs } from '../components/StatusTabs'
import { isMissingPage, missingPage, orMissing } from '../lib/feature-missing'
import { dateTime } from '../lib/format'
import { featureBlock, RATING_OPTIONS, REVIEW_STATUS, REVIEW_STATUSES, reviewQuery } from '../lib/reviews'
import { useAction } from '../lib/use-action'
import { useLoad } from '../lib/use-load'
import { PAGE_SIZE } from '../lib/use-paged'
import { useUrlFilters } from '../lib/use-url-filters'

/**
 * 评价: shoppers' reviews to moderate, newest first: hide or show one, reply to it (the shopper
 * and the product page see the reply), and feature one with photos in the buyer show (买家秀).
 * Without reviews:write the list is read-only.
 */
export default function Reviews() {
  const act = useAction()
  const { message } = App.useApp()
  const { allowed } = useAuth()
  const canWrite = allowed('reviews:write')
  const { params, update } = useUrlFilters()
  const query = reviewQuery(params, PAGE_SIZE)
  const list = useLoad(() => orMissing(listReviews(query), missingPage<AdminReview>()), [JSON.stringify(query)])
  const [replying, setReplying] = useState<AdminReview | null>(null)

  const toggleFeature = (r: AdminReview, featured: boolean) => {
    const block = featured ? featureBlock(r) : null
    if (block) return void message.warning(block)
    return act(() => featureReview(r.id, featured), featured ? '已精选到买家秀' : '已取消精选', list.reload)
  }

  return (
    <div>
      <PageTitle title="评价" />
      {isMissingPage(list.data) && <FeatureMissing what="评价管理" />}
      <Space wrap className="filters">
        <StatusTabs value={query.status ?? ''} onChange={(v) => update({ status: v })} statuses={REVIEW_STATUSES} labels={REVIEW_STATUS} />
        <Select placeholder="全部评分" allowClear value={query.rating} onChange={(v) => update({ rating: v })} options={RATING_OPTIONS} style={{ width: 120 }} aria-label="评分" />
        <Checkbox checked={query.withPhotos === 1} onChange={(e) => update({ photos: e.target.checked ? 1 : undefined })}>
          有图
        </Checkbox>
        {query.productId && (
          <Tag closable onClose={() => update({ productId: undefined })}>
            商品 #{query.productId}
          </Tag>
        )}
      </Space>
      <Table<AdminReview>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        // Fits a 1280-wide window beside the menu: wider, the 状态 and 买家秀 columns slid under the fixed 操作 column.
        scroll={{ x: 1040 }}
        pagination={{ current: query.page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => update({ page: p }) }}
        columns={[
          {
            title: '商品',
            key: 'product',
            width: 170,
            render: (_, r) => (
              <div>
                <Link to={`/products/${r.productId}`}>{r.productTitle}</Link>
                {r.specText && (
                  <div>
                    <Typography.Text type="secondary">{r.specText}</Typography.Text>
                  </div>
                )}
              </div>
            ),
          },
          { title: '评分', dataIndex: 'rating', width: 130, render: (n: number) => <Rate disabled value={n} style={{ fontSize: 12 }} /> },
          {
            title: '评价内容',
            key: 'content',
            render: (_, r) => (
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: true }}>
                  {r.content || <Typography.Text type="secondary">（未填写文字）</Typography.Text>}
                </Typography.Paragraph>
                <ReviewPhotos photos={r.photos} />
                {r.append && (
                  <div>
                    <Tag>追评 {dateTime(r.append.at)}</Tag>
                    {r.append.content}
                    <ReviewPhotos photos={r.append.photos} />
                  </div>
                )}
                {r.reply && (
                  <Typography.Text type="secondary">
                    商家回复：{r.reply.content}（{dateTime(r.reply.at)}）
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            title: '买家 / 订单',
            key: 'who',
            width: 110,
            render: (_, r) => (
              <div>
                <div>{r.nickname}</div>
                <Link to={`/orders/${r.orderId}`}>订单 #{r.orderId}</Link>
              </div>
            ),
          },
          { title: '时间', dataIndex: 'createdAt', width: 110, render: dateTime },
          { title: '状态', dataIndex: 'status', width: 80, render: (s: AdminReview['status']) => <Tag color={REVIEW_STATUS[s].color}>{REVIEW_STATUS[s].label}</Tag> },
          {
            title: '买家秀',
            dataIndex: 'featured',
            width: 80,
            render: (featured: boolean, r) => {
              const block = featured ? null : featureBlock(r)
              return (
                <Tooltip title={canWrite ? block : null}>
                  <Switch size="small" checked={featured} disabled={!canWrite || !!block} onChange={(on) => toggleFeature(r, on)} aria-label={`精选到买家秀：#${r.id}`} />
                </Tooltip>
              )
            },
          },
          {
            title: '操作',
            key: 'op',
            width: 110,
            fixed: 'right',
            render: (_, r) =>
              canWrite ? (
                <Space size="middle">
                  {r.status === 'visible' ? (
                    <a onClick={() => act(() => hideReview(r.id), '评价已隐藏，商品页不再展示', list.reload)}>隐藏</a>
                  ) : (
                    <a onClick={() => act(() => showReview(r.id), '评价已恢复显示', list.reload)}>显示</a>
                  )}
                  <a onClick={() => setReplying(r)}>{r.reply ? '改回复' : '回复'}</a>
                </Space>
              ) : null,
          },
        ]}
      />
      <ReasonDialog
        title={replying ? `回复 ${replying.nickname} 的评价` : ''}
        okText="发布回复"
        label="回复内容（买家和商品页都能看到）"
        placeholder="感谢您的评价……"
        maxLength={300}
        danger={false}
        open={!!replying}
        onClose={() => setReplying(null)}
        onSubmit={async (content) => {
          await replyReview(replying!.id, content)
          void message.success('回复已发布')
          setReplying(null)
          list.reload()
        }}
      />
    </div>
  )
}
