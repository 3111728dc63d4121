import { DecisionReason, DeployKind, GateDecision, PolicySummary } from './api';

/**
 * What the delivery backend knows of the incident a deploy claims to remediate:
 * `open` (not resolved), `resolved` (at `resolvedAt`), `unknown` (no incident of the
 * component has that id) or `unavailable` (the delivery backend could not be asked).
 */
export type RemediatedIncident =
  | { state: 'open'; openedAt?: string }
  | { state: 'resolved'; resolvedAt: string }
  | { state: 'unknown' }
  | { state: 'unavailable'; error?: string };

/** What the rules need of a request (validated, entityRef normalised). */
export interface GateInput {
  entityRef: string;
  environment: string;
  kind: DeployKind;
  remediates?: string;
  /**
   * The state of the `remediates` incident, looked up before the rules run. Absent
   * means it was not looked up: treated as `unavailable`.
   */
  incident?: RemediatedIncident;
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
 * open incident and non-production environments pass; a remediation of a resolved or
 * unknown incident is gated as an ordinary deploy (`remediates-closed`,
 * `remediates-unknown`); when the incident could not be looked up the claim is
 * trusted with a warning (`remediates-unverified`); with no figures the gate answers
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
  const remediation = remediationVerdict(input);
  if (remediation.pass) {
    return {
      decision: remediation.pass,
      gated: false,
      reasons: remediation.reasons,
    };
  }
  const prefix = remediation.reasons;
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

/**
 * Whether a claimed remediation passes the freeze: `pass` set when it does (allow for
 * an open incident, warn when the incident could not be checked), else the reasons to
 * put before the ordinary deploy's.
 */
function remediationVerdict(input: GateInput): {
  pass?: GateDecision;
  reasons: DecisionReason[];
} {
  const id = input.remediates;
  if (!id) {
    return {
      reasons:
        input.kind === 'remediation'
          ? [
              {
                code: 'remediation-without-incident',
                message:
                  'a remediation passes a freeze only when it names the incident (remediates); gated as an ordinary deploy',
              },
            ]
          : [],
    };
  }
  const incident = input.incident ?? { state: 'unavailable' as const };
  switch (incident.state) {
    case 'open':
      return {
        pass: 'allow',
        reasons: [
          {
            code: 'remediation',
            message: `remediates incident ${id}, open${
              incident.openedAt ? ` since ${incident.openedAt}` : ''
            }: remediations of an open incident pass a freeze`,
          },
        ],
      };
    case 'resolved':
      return {
        reasons: [
          {
            code: 'remediates-closed',
            message: `incident ${id} was resolved at ${incident.resolvedAt}: only a remediation of an open incident passes a freeze; gated as an ordinary deploy`,
          },
        ],
      };
    case 'unknown':
      return {
        reasons: [
          {
            code: 'remediates-unknown',
            message: `the delivery backend knows no incident ${id} of ${input.entityRef}: gated as an ordinary deploy`,
          },
        ],
      };
    default:
      return {
        pass: 'warn',
        reasons: [
          {
            code: 'remediates-unverified',
            message: `remediates incident ${id}, which could not be checked (the delivery backend did not answer): the claim is trusted and the remediation passes`,
          },
        ],
      };
  }
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
