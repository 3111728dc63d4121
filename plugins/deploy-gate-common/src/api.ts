/**
 * The deploy gate's HTTP answers (`/api/deploy-gate/...`): the contract between the gate
 * and the pipelines that ask it. Times are ISO-8601 strings in UTC; budget shares 0..1.
 */

/**
 * What is being deployed: an ordinary `deploy` or `hotfix` is gated by the error
 * budget policy; a `rollback` passes; a deploy that names the incident it remediates
 * (`remediates`) passes while that incident is open.
 */
export type DeployKind = 'deploy' | 'rollback' | 'remediation' | 'hotfix';

export const DEPLOY_KINDS = [
  'deploy',
  'rollback',
  'remediation',
  'hotfix',
] as const satisfies readonly DeployKind[];

/** `allow`: go; `warn`: go, but the pipeline should say why; `deny`: stop. */
export type GateDecision = 'allow' | 'deny' | 'warn';

export const GATE_DECISIONS: readonly GateDecision[] = [
  'allow',
  'warn',
  'deny',
];

/** `POST /api/deploy-gate/decisions` */
export interface DecisionRequest {
  entityRef: string;
  environment: string;
  version?: string;
  commitSha?: string;
  /** Default `deploy`. */
  kind?: DeployKind;
  /** The incident this deploy remediates (an id of the incident's source). */
  remediates?: string;
  /** Who started the pipeline, as the pipeline knows them (informational). */
  requestedBy?: string;
  /** Deploy although the gate denies: needs the `deploy-gate.override` permission. */
  override?: { reason: string };
}

/**
 * Why the gate decided as it did. Codes:
 * `not-production`, `rollback`, `remediation` (of an open incident),
 * `remediation-without-incident`, `remediates-closed` (the incident is resolved),
 * `remediates-unknown` (no such incident), `remediates-unverified` (the delivery backend
 * did not answer: trusted, warn), `not-frozen`, `frozen`, `no-objectives`,
 * `no-figures`, `stale-figures`, `overridden`.
 */
export interface DecisionReason {
  code: string;
  message: string;
  /** The objective the reason is about (an exhausted budget), when there is one. */
  objectiveId?: string;
  /** Where to see it: the component's SLO page. */
  link?: string;
}

/** The error budget policy the decision was taken on. */
export interface PolicySummary {
  frozen: boolean;
  /** Since when the budget has been exhausted, when known. */
  since?: string;
  /** Lowest budget remaining of the component's objectives. */
  budgetRemaining?: number;
  /**
   * True when the figures are not current: the SLO backend could not answer and the
   * gate used the last good policy it saw, or the SLO backend itself served last good
   * figures because its metric source failed.
   */
  stale?: boolean;
  /** When the SLO backend answered with these figures; absent without figures. */
  asOf?: string;
}

export interface DecisionResponse {
  decision: GateDecision;
  reasons: DecisionReason[];
  policy: PolicySummary;
  /** Id of the stored decision; absent for a dry run. */
  decisionId?: string;
}

/** `GET /api/deploy-gate/decisions?entityRef=&limit=`: one stored decision. */
export interface StoredDecision {
  decisionId: string;
  createdAt: string;
  entityRef: string;
  environment: string;
  kind: DeployKind;
  decision: GateDecision;
  reasons: DecisionReason[];
  policy: PolicySummary;
  /** The authenticated caller: `user:default/jane` or `service:<subject>`. */
  principal: string;
  /** The request as asked (entityRef normalised). */
  request: DecisionRequest;
  /** Set when an override turned the decision into allow. */
  override?: { by: string; reason: string };
}

export interface DecisionsResponse {
  items: StoredDecision[];
}

/** `deploy-gate:frozen-components` action: one component of the team. */
export interface ComponentPolicy {
  entityRef: string;
  policy: PolicySummary;
  /** False when the gate has never seen figures for it. */
  hasFigures: boolean;
}

/** At most this many entity refs per `POST /api/deploy-gate/decision-counts`. */
export const MAX_DECISION_COUNT_REFS = 500;

/**
 * Answer of `POST /api/deploy-gate/decision-counts {entityRefs, since?}`: how many
 * decisions the gate took per component since `since` (default 30 days ago), for
 * batch readers such as the maturity backend ("the pipeline asks the gate").
 */
export interface DecisionCountsResponse {
  since: string;
  items: Record<string, number>;
}
