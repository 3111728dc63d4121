import { DecisionReason, DeployKind, GateDecision, PolicySummary } from './api';

/** What the rules need of a request (validated, entityRef normalised). */
export interface GateInput {
  entityRef: string;
  environment: string;
  kind: DeployKind;
  remediates?: string;
  /** An override the caller is permitted to make (checked before the rules run). */
  override?: { by: string; reason: string };
}

/** The error budget policy of one component as the SLO backend last answered it. */
export interface PolicySnapshot {
  frozen: boolean;
  since?: string;
  budgetRemaining?: number;
  /** The figures are not current (see PolicySummary.stale). */
  stale: boolean;
  /** When the SLO backend gave these figures. */
  asOf: string;
  /** Objectives whose budget is exhausted. */
  exhausted: Array<{ entityRef: string; objectiveId: string }>;
  /** Objectives with figures (state other than unknown); 0 means "no figures". */
  objectivesWithFigures: number;
}

export interface GateRulesConfig {
  /** Environment names gated by the policy, compared without case. */
  productionEnvironments: string[];
  /** The decision when there are no figures at all. */
  noFigures: GateDecision;
  /** The app's base URL, for links to SLO pages; relative links without it. */
  appBaseUrl?: string;
}

export interface GateOutcome {
  decision: GateDecision;
  reasons: DecisionReason[];
  policy: PolicySummary;
}

/**
 * The deploy gate's rules (issue 18): a frozen component's ordinary deploys (`deploy`,
 * `hotfix`) to a production environment are denied; rollbacks, remediations of an
 * incident and non-production environments pass; with no figures the gate answers
 * `config.noFigures`; stale figures decide as they are, marked; a permitted override
 * turns deny (or warn) into allow. `snapshot` undefined means no figures were ever
 * seen for the component.
 */
export function decide(
  input: GateInput,
  snapshot: PolicySnapshot | undefined,
  config: GateRulesConfig,
): GateOutcome {
  const policy = summarise(snapshot);
  const base = policyVerdict(input, snapshot, config);
  const reasons = [...base.reasons];
  if (snapshot?.stale && base.gated) {
    reasons.push({
      code: 'stale-figures',
      message: `the SLO figures are not current: decided on the last good ones, from ${snapshot.asOf}`,
    });
  }
  if (input.override && base.decision !== 'allow') {
    return {
      decision: 'allow',
      reasons: [
        {
          code: 'overridden',
          message: `overridden by ${input.override.by}: ${input.override.reason}`,
        },
        ...reasons,
      ],
      policy,
    };
  }
  return { decision: base.decision, reasons, policy };
}

/** The decision before any override; `gated` when the policy figures decided it. */
function policyVerdict(
  input: GateInput,
  snapshot: PolicySnapshot | undefined,
  config: GateRulesConfig,
): { decision: GateDecision; reasons: DecisionReason[]; gated: boolean } {
  const environment = input.environment.toLowerCase();
  if (
    !config.productionEnvironments.some(e => e.toLowerCase() === environment)
  ) {
    return {
      decision: 'allow',
      gated: false,
      reasons: [
        {
          code: 'not-production',
          message: `${input.environment} is not a production environment (deployGate.productionEnvironments): the error budget policy does not gate it`,
        },
      ],
    };
  }
  if (input.kind === 'rollback') {
    return {
      decision: 'allow',
      gated: false,
      reasons: [{ code: 'rollback', message: 'rollbacks pass a freeze' }],
    };
  }
  if (input.remediates) {
    return {
      decision: 'allow',
      gated: false,
      reasons: [
        {
          code: 'remediation',
          message: `remediates incident ${input.remediates}: remediations pass a freeze`,
        },
      ],
    };
  }
  const prefix: DecisionReason[] =
    input.kind === 'remediation'
      ? [
          {
            code: 'remediation-without-incident',
            message:
              'a remediation passes a freeze only when it names the incident (remediates); gated as an ordinary deploy',
          },
        ]
      : [];
  if (!snapshot || snapshot.objectivesWithFigures === 0) {
    return {
      decision: config.noFigures,
      gated: false,
      reasons: [
        ...prefix,
        snapshot
          ? {
              code: 'no-objectives',
              message: `${input.entityRef} has no SLO figures (no objectives, or none with data): deployGate.noFigures decides (${config.noFigures})`,
              link: sloLink(input.entityRef, config),
            }
          : {
              code: 'no-figures',
              message: `the SLO backend did not answer and no earlier figures are known for ${input.entityRef}: deployGate.noFigures decides (${config.noFigures})`,
            },
      ],
    };
  }
  if (!snapshot.frozen) {
    return {
      decision: 'allow',
      gated: true,
      reasons: [
        ...prefix,
        {
          code: 'not-frozen',
          message:
            snapshot.budgetRemaining === undefined
              ? 'no error budget is exhausted'
              : `no error budget is exhausted (lowest remaining ${formatShare(
                  snapshot.budgetRemaining,
                )})`,
          link: sloLink(input.entityRef, config),
        },
      ],
    };
  }
  const since = snapshot.since ? ` since ${snapshot.since}` : '';
  const frozenReasons: DecisionReason[] =
    snapshot.exhausted.length > 0
      ? snapshot.exhausted.map(o => ({
          code: 'frozen',
          message: `error budget of ${o.objectiveId} (${o.entityRef}) exhausted${since}: ordinary deploys to production are frozen`,
          objectiveId: o.objectiveId,
          link: sloLink(o.entityRef, config),
        }))
      : [
          {
            code: 'frozen',
            message: `the error budget policy freezes ${input.entityRef}${since}`,
            link: sloLink(input.entityRef, config),
          },
        ];
  return {
    decision: 'deny',
    gated: true,
    reasons: [...prefix, ...frozenReasons],
  };
}

function summarise(snapshot: PolicySnapshot | undefined): PolicySummary {
  if (!snapshot) return { frozen: false };
  return {
    frozen: snapshot.frozen,
    ...(snapshot.since ? { since: snapshot.since } : {}),
    ...(snapshot.budgetRemaining !== undefined
      ? { budgetRemaining: snapshot.budgetRemaining }
      : {}),
    ...(snapshot.stale ? { stale: true } : {}),
    asOf: snapshot.asOf,
  };
}

/** `component:default/checkout` -> `<app>/catalog/default/component/checkout/slos`. */
export function sloLink(entityRef: string, config: GateRulesConfig): string {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(entityRef);
  const path = match
    ? `/catalog/${match[2]}/${match[1]}/${match[3]}/slos`
    : '/catalog';
  return `${(config.appBaseUrl ?? '').replace(/\/+$/, '')}${path}`;
}

function formatShare(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
