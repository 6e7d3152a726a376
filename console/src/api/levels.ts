import type { LevelLadder } from '@domain/levels'
import type { MemberCardSettings } from '@domain/member-cards'
import { api } from './client'

/** Issue 19, member levels (会员等级) and the platforms' member cards (会员卡): the shapes are the server's. */
export type { LevelLadder, MemberCardSettings }

export const getLevels = () => api<LevelLadder>('/admin/levels')
/** 400 {field: 'levels.2.threshold'} names the row and field. */
export const saveLevels = (body: LevelLadder) => api<LevelLadder>('/admin/levels', { method: 'PUT', body })

export const getMemberCard = () => api<MemberCardSettings>('/admin/member-card')
export const saveMemberCard = (body: MemberCardSettings) => api<MemberCardSettings>('/admin/member-card', { method: 'PUT', body })
/** alipay.marketing.card.template.create (or .modify once there is a template id). */
export const publishCardTemplate = () => api<MemberCardSettings>('/admin/member-card/template', { method: 'POST' })
