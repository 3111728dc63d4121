/**
 * Kubernetes label selectors, as `argocd/app-selector` holds them and Argo CD's
 * `?selector=` takes them: requirements separated by commas, all of which must hold.
 * Equality (`k=v`, `k==v`, `k!=v`), sets (`k in (a,b)`, `k notin (a,b)`) and
 * existence (`k`, `!k`); as in Kubernetes, `!=` and `notin` also hold when the label
 * is absent.
 */
export type LabelRequirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

export type LabelSelector = LabelRequirement[];

const KEY = '[A-Za-z0-9][A-Za-z0-9._/-]*';
const VALUE = '[A-Za-z0-9._-]*';

const notExists = new RegExp(`^!\\s*(${KEY})$`);
const exists = new RegExp(`^(${KEY})$`);
const equality = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const set = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const value = new RegExp(`^${VALUE}$`);

/** Splits on the commas that separate requirements, not those inside `( )`. */
function requirements(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map(part => part.trim());
}

function parseRequirement(text: string): LabelRequirement {
  let match = notExists.exec(text);
  if (match) return { key: match[1], op: 'notexists' };
  match = exists.exec(text);
  if (match) return { key: match[1], op: 'exists' };
  match = equality.exec(text);
  if (match) {
    return {
      key: match[1],
      op: match[2] === '!=' ? 'notin' : 'in',
      values: [match[3]],
    };
  }
  match = set.exec(text);
  if (match) {
    const values = match[3].split(',').map(v => v.trim());
    if (values.every(v => value.test(v))) {
      return { key: match[1], op: match[2] as 'in' | 'notin', values };
    }
  }
  throw new Error(`invalid label selector requirement '${text}'`);
}

/** Parses a selector; throws on one Kubernetes would refuse. */
export function parseLabelSelector(selector: string): LabelSelector {
  if (!selector.trim()) throw new Error('empty label selector');
  return requirements(selector).map(parseRequirement);
}

export function matchesLabels(
  selector: LabelSelector,
  labels: Record<string, string>,
): boolean {
  return selector.every(requirement => {
    const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
    switch (requirement.op) {
      case 'exists':
        return has;
      case 'notexists':
        return !has;
      case 'in':
        return has && requirement.values.includes(labels[requirement.key]);
      case 'notin':
        return !has || !requirement.values.includes(labels[requirement.key]);
      default:
        return false;
    }
  });
}
