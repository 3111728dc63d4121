/** Service tiers a golden-path template offers; each maps to default SLO objectives. */
export const serviceTiers = ['critical', 'standard', 'experimental'] as const;

export type ServiceTier = (typeof serviceTiers)[number];

/** The objectives an OpenSLO file is written with. */
export interface SloObjectives {
  /** Share of requests that must not fail (5xx), e.g. 0.999. */
  availabilityTarget: number;
  /** Requests must answer within this many milliseconds ... */
  latencyThresholdMs: number;
  /** ... for this share of requests, e.g. 0.99. */
  latencyTarget: number;
  /** Rolling window the error budget is computed over, as an OpenSLO duration. */
  timeWindow: string;
}

/**
 * Defaults per tier. Critical services page on-call and get the strictest budget;
 * experimental ones keep a budget loose enough not to page anyone while they settle.
 */
export const tierDefaults: Record<ServiceTier, SloObjectives> = {
  critical: {
    availabilityTarget: 0.9995,
    latencyThresholdMs: 300,
    latencyTarget: 0.99,
    timeWindow: '28d',
  },
  standard: {
    availabilityTarget: 0.999,
    latencyThresholdMs: 500,
    latencyTarget: 0.95,
    timeWindow: '28d',
  },
  experimental: {
    availabilityTarget: 0.99,
    latencyThresholdMs: 1000,
    latencyTarget: 0.9,
    timeWindow: '28d',
  },
};

/** The tier's defaults with any explicit overrides applied. */
export function resolveObjectives(
  tier: ServiceTier,
  overrides: Partial<SloObjectives> = {},
): SloObjectives {
  const defined = Object.fromEntries(
    Object.entries(overrides).filter(([, value]) => value !== undefined),
  );
  return { ...tierDefaults[tier], ...defined };
}
