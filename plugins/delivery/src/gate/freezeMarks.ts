import {
  FreezeMark,
  GateDecisionRecord,
} from '@internal/backstage-plugin-delivery-react';

/** A decision counts for a deployment that started at most this long after it. */
export const DECISION_LOOKBACK_MS = 60 * 60_000;
/** ... and, while the deployment has not finished, at most this long after its start. */
export const DECISION_RUNNING_MS = 60 * 60_000;

/** A period a component's ordinary production deploys were frozen; open without `to`. */
export interface FreezePeriod {
  entityRef: string;
  from: string;
  to?: string;
}

/** The fields of a deployment the marks read (list or timeline). */
export interface MarkableDeployment {
  source: string;
  id: string;
  entityRef: string;
  environment: string;
  status: string;
  startedAt: string;
  finishedAt?: string | null;
  version?: string;
  commits?: Array<{ sha: string }>;
}

const ms = (iso: string) => Date.parse(iso);
const lower = (text: string) => text.toLocaleLowerCase('en-US');

/**
 * Marks the production deployments made during a freeze that the deploy gate did not
 * let through: `overridden` (denied, then overridden: by whom, why), `denied` (the
 * latest decision was deny) or `not-gated` (no decision recorded). A deployment is
 * made during a freeze when it started in a freeze period of its component, or when
 * `madeWhileFrozen` holds its key (`source/id`, the SLO plugin's flag). Its decision
 * is the latest of the gate's decisions for the same component and environment (no
 * case) naming its version or one of its commits (either sha a prefix of the other),
 * made from `DECISION_LOOKBACK_MS` before its start up to its finish. An allowing
 * decision (not frozen, rollback, remediation) leaves it unmarked. Cancelled runs and
 * other environments are never marked. Keys are `source/id`.
 */
export function freezeMarks(input: {
  deployments: MarkableDeployment[];
  freezes: FreezePeriod[];
  madeWhileFrozen?: ReadonlySet<string>;
  decisions: GateDecisionRecord[];
  isProduction: (environment: string) => boolean;
}): Record<string, FreezeMark> {
  const marks: Record<string, FreezeMark> = {};
  for (const deployment of input.deployments) {
    const key = `${deployment.source}/${deployment.id}`;
    if (
      deployment.status === 'cancelled' ||
      !input.isProduction(deployment.environment) ||
      !(
        input.madeWhileFrozen?.has(key) ||
        startedInFreeze(deployment, input.freezes)
      )
    ) {
      continue;
    }
    const decision = latestDecisionFor(deployment, input.decisions);
    if (!decision) {
      marks[key] = { kind: 'not-gated' };
    } else if (decision.override) {
      marks[key] = {
        kind: 'overridden',
        by: decision.override.by,
        reason: decision.override.reason,
        decisionId: decision.decisionId,
        decidedAt: decision.createdAt,
      };
    } else if (decision.decision === 'deny') {
      marks[key] = {
        kind: 'denied',
        decisionId: decision.decisionId,
        decidedAt: decision.createdAt,
      };
    }
  }
  return marks;
}

function startedInFreeze(
  deployment: MarkableDeployment,
  freezes: FreezePeriod[],
): boolean {
  const at = ms(deployment.startedAt);
  const entityRef = lower(deployment.entityRef);
  return freezes.some(
    f =>
      lower(f.entityRef) === entityRef &&
      ms(f.from) <= at &&
      (f.to === undefined || at < ms(f.to)),
  );
}

function latestDecisionFor(
  deployment: MarkableDeployment,
  decisions: GateDecisionRecord[],
): GateDecisionRecord | undefined {
  const from = ms(deployment.startedAt) - DECISION_LOOKBACK_MS;
  const to = deployment.finishedAt
    ? ms(deployment.finishedAt)
    : ms(deployment.startedAt) + DECISION_RUNNING_MS;
  const entityRef = lower(deployment.entityRef);
  const environment = lower(deployment.environment);
  const shas = (deployment.commits ?? []).map(c => lower(c.sha));
  const names = (d: GateDecisionRecord) => {
    if (
      d.request.version !== undefined &&
      d.request.version === deployment.version
    ) {
      return true;
    }
    const sha = d.request.commitSha ? lower(d.request.commitSha) : undefined;
    return (
      !!sha &&
      shas.some(s => s.startsWith(sha) || (s.length >= 7 && sha.startsWith(s)))
    );
  };
  return decisions
    .filter(
      d =>
        lower(d.entityRef) === entityRef &&
        lower(d.environment) === environment &&
        ms(d.createdAt) >= from &&
        ms(d.createdAt) <= to &&
        names(d),
    )
    .sort((a, b) => ms(b.createdAt) - ms(a.createdAt))[0];
}

/** The mark in words, for tooltips and the table. */
export function describeFreezeMark(mark: FreezeMark): string {
  switch (mark.kind) {
    case 'overridden':
      return `Deployed during a freeze: the deploy gate denied it, overridden by ${mark.by}: ${mark.reason}`;
    case 'denied':
      return 'Deployed during a freeze although the deploy gate denied it';
    default:
      return 'Deployed during a freeze without a deploy gate decision';
  }
}
