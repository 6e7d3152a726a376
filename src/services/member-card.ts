import type { ActivateCardInput, MemberCardView, OpenCardStep, SandboxCardPage, SandboxCardResult, SandboxCardSubmit } from '@/domain/member-cards'
export type { SandboxCardPage }
import { api } from './http'

/** The card view with the card's look (title and colour, as on the platform's card). */
export type MemberCardPreview = MemberCardView

/** GET /api/member-card: whether the platform has the shop's card, and the shopper's. */
export function fetchMemberCard(): Promise<MemberCardPreview> {
  return api<MemberCardPreview>('GET', '/api/member-card')
}

/** POST /api/member-card/open: what the app does next (Alipay's form, wx.addCard, or the sandbox page). */
export function openMemberCard(): Promise<OpenCardStep> {
  return api<OpenCardStep>('POST', '/api/member-card/open')
}

/** POST /api/member-card/activate: what the form or wx.addCard answered; the card is then active. */
export function activateMemberCard(input: ActivateCardInput): Promise<MemberCardView> {
  return api<MemberCardView>('POST', '/api/member-card/activate', { body: input })
}

/** What the sandbox-card page plays: which platform's sheet (Alipay's form unless 'wechat'), the card's look. */
/** GET /api/sandbox/member-card/:token (sandbox servers only). */
export function fetchSandboxCard(token: string): Promise<SandboxCardPage> {
  return api<SandboxCardPage>('GET', `/api/sandbox/member-card/${encodeURIComponent(token)}`)
}

/** POST /api/sandbox/member-card/:token/submit: the sandbox's stand-in for the form's (or addCard's) answer. */
export function submitSandboxCard(token: string, form: SandboxCardSubmit): Promise<SandboxCardResult> {
  return api<SandboxCardResult>('POST', `/api/sandbox/member-card/${encodeURIComponent(token)}/submit`, { body: form })
}
