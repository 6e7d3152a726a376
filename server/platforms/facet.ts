import type { ProviderId } from './types'

/** What a gateway's core tells the facets that take notifies: sandbox or not, and the ids a notify must carry. */
export interface NotifyIds {
  readonly sandbox: boolean
  readonly appId: string
  readonly merchantId: string | null
}

/** A facet over one core, calling the platform through its Api (the live client, or the sandbox playing the platform). */
export abstract class GatewayFacet<Core extends NotifyIds, Api> {
  abstract readonly id: ProviderId
  constructor(
    protected readonly core: Core,
    protected readonly api: Api,
    protected readonly notifyUrl: string,
  ) {}

  get sandbox(): boolean {
    return this.core.sandbox
  }
  get appId(): string {
    return this.core.appId
  }
  get merchantId(): string | null {
    return this.core.merchantId
  }
}
