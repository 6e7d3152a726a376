import { useState } from 'react'
import { Link } from 'react-router-dom'
import { App, Popconfirm, Space, Table, Tag, Tooltip } from 'antd'
import { WITHDRAWAL_STATUSES, type WithdrawalStatus } from '@domain/promoters'
import { approveWithdrawal, listWithdrawals, rejectWithdrawal, type AdminWithdrawal } from '../api/promoters'
import { useAuth } from '../auth'
import { FeatureMissing } from '../components/FeatureMissing'
import { PageTitle } from '../components/PageTitle'
import { ReasonDialog } from '../components/ReasonDialog'
import { StatusTabs } from '../components/StatusTabs'
import { isMissingPage, missingPage, orMissing } from '../lib/feature-missing'
import { dateTime, money, platformLabel } from '../lib/format'
import { WITHDRAWAL_STATUS } from '../lib/promoters'
import { useAction } from '../lib/use-action'
import { useCount } from '../lib/use-count'
import { useLoad } from '../lib/use-load'
import { PAGE_SIZE } from '../lib/use-paged'
import { useUrlFilters } from '../lib/use-url-filters'

/**
 * 提现审核: promoters' withdrawals, the ones above the review line waiting first. Approving pays
 * through the platform's transfer (WeChat transfer-bills, Alipay fund.trans.uni.transfer); a
 * failed payout shows the platform's reason and the money is back in the promoter's balance.
 */
export default function Withdrawals() {
  const act = useAction()
  const { message } = App.useApp()
  const { allowed } = useAuth()
  const canReview = allowed('withdrawals:review')
  const { params, update } = useUrlFilters()
  const status = (params.has('status') ? params.get('status') : 'reviewing') as WithdrawalStatus | ''
  const page = Number(params.get('page') ?? 1)
  const list = useLoad(() => orMissing(listWithdrawals({ status: status || undefined, page, pageSize: PAGE_SIZE }), missingPage<AdminWithdrawal>()), [status, page])
  const reviewing = useCount(() => listWithdrawals({ status: 'reviewing', page: 1, pageSize: 1 }), true, [list.data])
  const [rejecting, setRejecting] = useState<AdminWithdrawal | null>(null)

  return (
    <div>
      <PageTitle title="提现审核" />
      {isMissingPage(list.data) && <FeatureMissing what="提现" />}
      <Space wrap className="filters">
        <StatusTabs value={status} onChange={(v) => update({ status: v })} statuses={WITHDRAWAL_STATUSES} labels={WITHDRAWAL_STATUS} waiting={{ status: 'reviewing', count: reviewing }} />
      </Space>
      <Table<AdminWithdrawal>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1180 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => update({ page: p }) }}
        columns={[
          { title: '推广员', key: 'who', width: 140, render: (_, w) => <Link to={`/promoters/${w.promoterId}`}>{w.nickname || `#${w.promoterId}`}</Link> },
          { title: '金额', dataIndex: 'amount', width: 100, align: 'right', render: money },
          { title: '到账渠道', dataIndex: 'channel', width: 90, render: platformLabel },
          {
            title: '状态',
            dataIndex: 'status',
            width: 130,
            render: (s: WithdrawalStatus, w) => (
              <Tooltip title={w.failure}>
                <Tag color={WITHDRAWAL_STATUS[s].color}>{WITHDRAWAL_STATUS[s].label}</Tag>
              </Tooltip>
            ),
          },
          { title: '失败 / 拒绝原因', dataIndex: 'failure', ellipsis: true, render: (f: string | null) => (f ? <span style={{ color: '#cf1322' }}>{f}</span> : '—') },
          { title: '转账单号', dataIndex: 'outBillNo', width: 200, ellipsis: true },
          { title: '审核人', dataIndex: 'reviewedBy', width: 100, render: (v: string | null) => v ?? '—' },
          { title: '申请时间', dataIndex: 'createdAt', width: 150, render: dateTime },
          { title: '完成时间', dataIndex: 'finishedAt', width: 150, render: dateTime },
          {
            title: '操作',
            key: 'op',
            width: 120,
            fixed: 'right',
            render: (_, w) =>
              canReview && w.status === 'reviewing' ? (
                <Space size="middle">
                  <Popconfirm
                    title={`通过这笔 ${money(w.amount)} 的提现？`}
                    description="通过后立即向推广员打款，无法撤回。"
                    okText="通过并打款"
                    onConfirm={() => act(() => approveWithdrawal(w.id), (next) => (next?.status === 'failed' ? `打款失败：${next.failure ?? ''}` : '已通过，正在打款'), list.reload)}
                  >
                    <a>通过</a>
                  </Popconfirm>
                  <a style={{ color: '#ff4d4f' }} onClick={() => setRejecting(w)}>
                    拒绝
                  </a>
                </Space>
              ) : null,
          },
        ]}
      />
      <ReasonDialog
        title={rejecting ? `拒绝 ${rejecting.nickname || `#${rejecting.promoterId}`} 的 ${money(rejecting.amount)} 提现` : ''}
        okText="拒绝提现"
        open={!!rejecting}
        onClose={() => setRejecting(null)}
        onSubmit={async (reason) => {
          await rejectWithdrawal(rejecting!.id, reason)
          void message.success('已拒绝，金额已退回推广员余额')
          setRejecting(null)
          list.reload()
        }}
      />
    </div>
  )
}
