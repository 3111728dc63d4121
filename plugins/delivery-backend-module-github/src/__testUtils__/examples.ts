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
