import { useState } from 'react'
import { App, Popconfirm, Space } from 'antd'
import { approvePromoter, disablePromoter, rejectPromoter, type AdminPromoter } from '../api/promoters'
import { useAuth } from '../auth'
import { useAction } from '../lib/use-action'
import { ConfirmLink } from './ConfirmLink'
import { ReasonDialog } from './ReasonDialog'

/**
 * What staff with promoters:write may do to a promoter, each asked first: an application is
 * approved or rejected (with a reason the applicant sees); an approved promoter can be disabled
 * (their customers stop earning them commission). Nothing for anyone else.
 */
export function PromoterActions({ promoter: p, onDone }: { promoter: AdminPromoter; onDone: () => void }) {
  const { allowed } = useAuth()
  const act = useAction()
  const { message } = App.useApp()
  const [rejecting, setRejecting] = useState(false)
  if (!allowed('promoters:write')) return null
  const name = p.nickname || `用户 ${p.userId}`
  return (
    <Space size="middle">
      {p.status === 'pending' && (
        <>
          <Popconfirm title={`通过「${name}」的推广员申请？`} okText="通过" onConfirm={() => act(() => approvePromoter(p.id), '已通过', onDone)}>
            <a>通过</a>
          </Popconfirm>
          <a style={{ color: '#ff4d4f' }} onClick={() => setRejecting(true)}>
            拒绝
          </a>
          <ReasonDialog
            title={`拒绝「${name}」的申请`}
            okText="拒绝申请"
            open={rejecting}
            onClose={() => setRejecting(false)}
            onSubmit={async (reason) => {
              await rejectPromoter(p.id, reason)
              void message.success('已拒绝')
              setRejecting(false)
              onDone()
            }}
          />
        </>
      )}
      {p.status === 'approved' && (
        <ConfirmLink title={`停用推广员「${name}」？`} description="停用后其推广链接失效，新订单不再产生佣金；已产生的佣金照常结算。" okText="停用" onConfirm={() => act(() => disablePromoter(p.id), '已停用', onDone)}>
          停用
        </ConfirmLink>
      )}
    </Space>
  )
}
