/** The tracking facet: a logistics provider that follows a parcel (Kuaidi100, or the sandbox playing it). */
import type { TrackingEvent, TrackingState } from '../../../src/domain/shipping'
import type { RawNotify, VerifyFailure } from './common'

export type TrackingProviderId = 'kuaidi100' | 'sandbox'

/** A parcel as the provider is asked about it. */
export interface TrackedParcel {
  /** Our carrier code (CARRIERS in src/domain/shipping.ts); the gateway maps it to the provider's. */
  carrier: string
  trackingNo: string
  /** The receiver's phone or its last 4 digits: SF refuses to answer without it. */
  phone: string | null
}

/** Where a parcel is: its state and the provider's events, newest first. */
export interface TrackingSnapshot {
  state: TrackingState
  events: TrackingEvent[]
}

/** A verified push: which parcel (our carrier code) and where it is now. */
export interface TrackingUpdate extends TrackingSnapshot {
  carrier: string
  trackingNo: string
}

export type PushVerify = { ok: true; update: TrackingUpdate } | VerifyFailure

export interface TrackingFacet {
  readonly id: TrackingProviderId
  readonly sandbox: boolean
  /** Asks the provider to push this parcel's changes to callbackUrl; throws ProviderError when it can't be reached or refuses. */
  subscribe(parcel: TrackedParcel, callbackUrl: string): Promise<void>
  /** Where the parcel is now (the polling fallback, the console's refresh); throws ProviderError. */
  query(parcel: TrackedParcel): Promise<TrackingSnapshot>
  /** Checks a push's signature and reads it. */
  verifyPush(raw: RawNotify): PushVerify
  /** What the push endpoint answers, as the provider expects it. */
  pushAnswer(accepted: boolean, message: string): { status: number; body: unknown }
}

/** Tests and the H5 preview: the sandbox's side of the provider (the parcels it moves along). */
export interface SandboxTrackingDesk {
  /** Where the sandbox's own pushes go (set by the tracking module); they're delivered on its schedule. */
  setDeliver(deliver: ((raw: RawNotify) => Promise<unknown>) | undefined): void
  /** Moves a subscribed parcel one state on and returns the signed push for it (null: not subscribed, or already delivered). */
  step(carrier: string, trackingNo: string): RawNotify | null
  /** The push the parcel's current state makes again (a repeated or late push). */
  lastPush(carrier: string, trackingNo: string): RawNotify | null
  /**
   * After a restart (the sandbox keeps its parcels in memory): follow a parcel the shop says it
   * subscribed, from where the shop last saw it, so the H5 preview's parcels keep moving.
   */
  resume(parcel: TrackedParcel & TrackingSnapshot, callbackUrl: string): void
  /** The parcels subscribed so far, with their callback URLs. */
  subscriptions(): { carrier: string; trackingNo: string; callbackUrl: string; phone: string | null }[]
}

export interface TrackingFacets {
  facet: TrackingFacet
  sandbox?: SandboxTrackingDesk
}
