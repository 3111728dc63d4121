import { parseEntityRef } from '@backstage/catalog-model';
import { StoredDecision } from '@internal/backstage-plugin-deploy-gate-common';
import { entityPagePath, Episode } from '@internal/owner-notify';

/** The family (key prefix) of the deploy gate's episodes. */
export const DEPLOY_GATE_FAMILY = 'deploy-gate';

/** Notification topics of the deploy gate, each mutable in the notification settings. */
export const DEPLOY_GATE_TOPICS = {
  /** The gate denied a deploy. */
  denied: 'deploy-gate-denied',
  /** Someone overrode the gate and deployed anyway. */
  overridden: 'deploy-gate-overridden',
} as const;

/**
 * What the owners are told about a decision: a denied deploy (high) or an override
 * (high: a deploy went out during a freeze), once per decision; nothing otherwise.
 */
export function decisionEpisode(
  decision: StoredDecision,
  owners: string[],
): Episode | undefined {
  const overridden = decision.override !== undefined;
  if (decision.decision !== 'deny' && !overridden) return undefined;
  const { namespace, name } = parseEntityRef(decision.entityRef);
  const component = namespace === 'default' ? name : `${namespace}/${name}`;
  const version = decision.request.version
    ? ` ${decision.request.version}`
    : '';
  const target = `${decision.kind} of ${component}${version} to ${decision.environment}`;
  const because = decision.reasons.map(r => r.message).join('; ');
  const link =
    decision.reasons.find(r => r.link)?.link ??
    entityPagePath(decision.entityRef, 'slos');
  const base = {
    key: `${DEPLOY_GATE_FAMILY}:decision:${decision.decisionId}`,
    subject: decision.entityRef,
    entityRef: decision.entityRef,
    recipients: owners,
    link,
  };
  if (overridden) {
    return {
      ...base,
      topic: DEPLOY_GATE_TOPICS.overridden,
      start: {
        title: `Deploy gate overridden: ${target}`,
        description: `${
          decision.override!.by
        } deployed despite the error budget policy: ${
          decision.override!.reason
        }`,
        severity: 'high',
      },
    };
  }
  return {
    ...base,
    topic: DEPLOY_GATE_TOPICS.denied,
    start: {
      title: `Deploy denied: ${target}`,
      description: `Asked by ${decision.principal}. ${because}`,
      severity: 'high',
    },
  };
}
