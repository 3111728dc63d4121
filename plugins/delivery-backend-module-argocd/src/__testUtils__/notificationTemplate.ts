import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const README = join(__dirname, '..', '..', 'README.md');

const indentOf = (line: string) => line.search(/\S/);

/** The webhook body template of the `argocd-notifications-cm` the README recommends. */
export function readmeBodyTemplate(): string {
  const lines = readFileSync(README, 'utf8').split('\n');
  const start = lines.findIndex(line => line.trim() === 'body: |');
  if (start < 0) throw new Error('README.md has no webhook body template');
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
 * Renders a notification template as Argo CD's notifications engine does for the
 * actions the recommended template uses, `{{toJson .path}}`: over the Application as
 * an unstructured map, where a missing last field is nil (`null`) and a missing one
 * before it is an error. Any other action is refused rather than guessed.
 */
export function renderTemplate(
  template: string,
  vars: Record<string, unknown>,
): string {
  return template.replace(/{{\s*(.*?)\s*}}/g, (_, action: string) => {
    const match = /^toJson\s+(\.[A-Za-z0-9_.]+)$/.exec(action);
    if (!match) throw new Error(`unsupported template action {{${action}}}`);
    return JSON.stringify(resolve(vars, match[1]) ?? null);
  });
}

/** The body Argo CD would POST for this Application (a JSON string). */
export function notificationBody(app: unknown): string {
  return renderTemplate(readmeBodyTemplate(), { app });
}
