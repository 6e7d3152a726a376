import type { ActivateCardInput, OpenCardStep } from '@/domain/member-cards'

export type { OpenCardStep }

/**
 * How opening the card ended. 'activate': the platform answered, POST /api/member-card/activate
 * with `input`; 'sandbox': a sandbox server's step, the app's sandbox-card page (`path`) plays the sheet.
 */
export type OpenCardResult =
  | { status: 'activate'; input: ActivateCardInput }
  | { status: 'sandbox'; path: string }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string }

export interface MemberCardAdapter {
  openCard(step: OpenCardStep): Promise<OpenCardResult>
}

export const UNSUPPORTED: OpenCardResult = { status: 'failed', message: '当前环境暂不支持会员卡' }

/** The sandbox step is the same everywhere: the page, not the host, plays the platform's sheet. */
export const sandboxResult = (path: string): OpenCardResult => ({ status: 'sandbox', path })
