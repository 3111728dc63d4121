import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const README = join(__dirname, '..', '..', 'README.md');

const indentOf = (line: string) => line.search(/\S/);

/**
 * The webhook body template of a ConfigMap the README recommends: the first after
 * the line naming `configMap`.
 */
function readmeTemplateOf(configMap: string): string {
  const lines = readFileSync(README, 'utf8').split('\n');
  const map = lines.findIndex(line => line.trim() === `name: ${configMap}`);
  const start = lines.findIndex(
    (line, index) => index > map && line.trim() === 'body: |',
  );
  if (map < 0 || start < 0) {
    throw new Error(`README.md has no webhook body template in ${configMap}`);
  }
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() && indentOf(line) <= indentOf(lines[start])) break;
    body.push(line);
  }
  const base = Math.min(...body.filter(l => l.trim()).map(indentOf));
  return body
    .map(line => line.slice(base))
    .join('\n')
    .trim();
}

/** The webhook body template of the `argocd-notifications-cm` the README recommends. */
export function readmeBodyTemplate(): string {
  return readmeTemplateOf('argocd-notifications-cm');
}

/** The webhook body template of the `argo-rollouts-notification-configmap` the README recommends. */
export function readmeRolloutsBodyTemplate(): string {
  return readmeTemplateOf('argo-rollouts-notification-configmap');
}

/** The README's Argo Rollouts ConfigMap: its trigger names and its subscriptions' recipients. */
export function readmeRolloutsSubscriptions(): {
  triggers: string[];
  subscriptions: { recipient: string; triggers: string[] }[];
} {
  const text = readFileSync(README, 'utf8');
  const map = text.slice(
    text.indexOf('name: argo-rollouts-notification-configmap'),
  );
  const block = map.slice(0, map.indexOf('```'));
  const triggers = [...block.matchAll(/^ {2}trigger\.([a-z-]+): \|$/gm)].map(
    m => m[1],
  );
  const subscriptions = [
    ...block.matchAll(
      /- recipients: \[backstage-delivery:([a-z-]+)\]\n\s+triggers: \[([a-z-, ]+)\]/g,
    ),
  ].map(m => ({
    recipient: m[1],
    triggers: m[2].split(',').map(t => t.trim()),
  }));
  return { triggers, subscriptions };
}

function resolve(vars: Record<string, unknown>, path: string): unknown {
  const parts = path.slice(1).split('.');
  let current: unknown = vars;
  for (const [index, part] of parts.entries()) {
    if (current === undefined || current === null) {
      // What Go's text/template says when a field of a missing map is asked for.
      throw new Error(
        `nil pointer evaluating interface {}.${part} (${parts
          .slice(0, index)
          .join('.')})`,
      );
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/**
 * Renders a notification template as the notifications engine (Argo CD's and Argo
 * Rollouts') does for the actions the recommended templates use: `{{toJson .path}}`
 * over the object as an unstructured map, where a missing last field is nil (`null`)
 * and a missing one before it is an error; `{{toJson (call .time.Now)}}` (a Go
 * time.Time in JSON: RFC 3339 with nanoseconds); `{{toJson (index .path "key")}}`,
 * nil for a missing key and an error on a nil map. Any other action is refused
 * rather than guessed.
 */
export function renderTemplate(
  template: string,
  vars: Record<string, unknown>,
): string {
  return template.replace(/{{\s*(.*?)\s*}}/g, (_, action: string) => {
    const path = /^toJson\s+(\.[A-Za-z0-9_.]+)$/.exec(action);
    if (path) return JSON.stringify(resolve(vars, path[1]) ?? null);
    const call = /^toJson\s+\(call\s+(\.[A-Za-z0-9_.]+)\)$/.exec(action);
    if (call) {
      const fn = resolve(vars, call[1]);
      if (typeof fn !== 'function') throw new Error(`${call[1]} is not a func`);
      return JSON.stringify(fn());
    }
    const index = /^toJson\s+\(index\s+(\.[A-Za-z0-9_.]+)\s+"([^"]*)"\)$/.exec(
      action,
    );
    if (index) {
      const map = resolve(vars, index[1]);
      if (map === undefined || map === null) {
        throw new Error('error calling index: index of untyped nil');
      }
      return JSON.stringify((map as Record<string, unknown>)[index[2]] ?? null);
    }
    throw new Error(`unsupported template action {{${action}}}`);
  });
}

/** The body Argo CD would POST for this Application (a JSON string). */
export function notificationBody(app: unknown): string {
  return renderTemplate(readmeBodyTemplate(), { app });
}

/**
 * The body Argo Rollouts would POST for this notification: the README's template
 * rendered over the Rollout and its AnalysisRuns, the subscription's recipient (the
 * trigger) and the controller's clock at `at`.
 */
export function rolloutsNotificationBody(notified: {
  trigger: string;
  at: string;
  rollout: unknown;
  analysisRuns: unknown[] | null;
}): string {
  return renderTemplate(readmeRolloutsBodyTemplate(), {
    rollout: notified.rollout,
    analysisRuns: notified.analysisRuns,
    recipient: notified.trigger,
    time: { Now: () => goTime(notified.at) },
  });
}

/** How Go writes a time.Time in JSON (RFC 3339, fractional seconds without trailing zeros). */
function goTime(iso: string): string {
  return iso.replace(/\.(\d*?)0*Z$/, (_, digits: string) =>
    digits ? `.${digits}Z` : 'Z',
  );
}
