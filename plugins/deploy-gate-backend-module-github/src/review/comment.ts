import { parseEntityRef } from '@backstage/catalog-model';
import { DecisionResponse } from '@internal/backstage-plugin-deploy-gate-common';

export type ReviewState = 'approved' | 'rejected';

/** Comments longer than this are cut (GitHub shows them on the run's summary). */
export const MAX_COMMENT_LENGTH = 2000;

/** `warn` deploys, with the warning in the comment; only `deny` rejects. */
export function reviewStateOf(decision: DecisionResponse['decision']) {
  return decision === 'deny' ? 'rejected' : 'approved';
}

/** The component's page in the portal, or undefined without `app.baseUrl`. */
export function portalLink(
  entityRef: string,
  appBaseUrl?: string,
): string | undefined {
  if (!appBaseUrl) return undefined;
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `${appBaseUrl.replace(
    /\/+$/,
    '',
  )}/catalog/${namespace}/${kind}/${name}`;
}

/**
 * The review comment: the decision, each reason on a line of its own, and where to
 * look in the portal (the component's page and the stored decision's id).
 */
export function reviewComment(options: {
  entityRef: string;
  environment: string;
  answer: DecisionResponse;
  appBaseUrl?: string;
}): string {
  const { entityRef, environment, answer } = options;
  const lines = [
    `Deploy gate: ${answer.decision} for ${entityRef} to ${environment}.`,
    ...answer.reasons.map(
      reason => `- ${reason.message}${reason.link ? ` (${reason.link})` : ''}`,
    ),
  ];
  const link = portalLink(entityRef, options.appBaseUrl);
  lines.push(
    link
      ? `Decision ${answer.decisionId}: ${link}`
      : `Decision ${answer.decisionId}`,
  );
  const text = lines.join('\n');
  return text.length > MAX_COMMENT_LENGTH
    ? `${text.slice(0, MAX_COMMENT_LENGTH - 1)}…`
    : text;
}
