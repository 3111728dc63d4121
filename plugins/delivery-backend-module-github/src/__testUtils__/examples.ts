import definitions from '@octokit/webhooks-examples';
import type {
  WebhookEventMap,
  WebhookEventName,
} from '@octokit/webhooks-types';

/**
 * GitHub's own example deliveries for an event, deep-copied so a test may edit
 * them.
 */
export function examplesOf<N extends WebhookEventName>(
  name: N,
): WebhookEventMap[N][] {
  const definition = definitions.find(d => d.name === name);
  if (!definition) {
    throw new Error(`@octokit/webhooks-examples has no ${name} examples`);
  }
  return structuredClone(definition.examples) as WebhookEventMap[N][];
}

/** A label as GitHub's payloads and REST API represent it. */
export function label(name: string) {
  return {
    id: 1362934389,
    node_id: 'MDU6TGFiZWwxMzYyOTM0Mzg5',
    url: `https://api.github.com/repos/Codertocat/Hello-World/labels/${encodeURIComponent(
      name,
    )}`,
    name,
    color: 'd73a4a',
    default: false,
    description: null,
  };
}

/** The payload with these labels added to its issue's (edits it in place). */
export function withLabels<P extends { issue: { labels?: unknown[] } }>(
  payload: P,
  names: string[],
): P {
  payload.issue.labels = [...(payload.issue.labels ?? []), ...names.map(label)];
  return payload;
}
