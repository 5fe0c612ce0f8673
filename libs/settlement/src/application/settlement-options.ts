/** What the settlement module takes from the configuration. */
export interface SettlementOptions {
  /** PLATFORM_FEE_RATE: a fraction of grossPay charged to the retailer ("0" waives fees). */
  platformFeeRate: string;
  /** Run the settlement's process manager here (where the projections and timers run). */
  runProcessManagers: boolean;
}

export const SETTLEMENT_OPTIONS = Symbol('SETTLEMENT_OPTIONS');
