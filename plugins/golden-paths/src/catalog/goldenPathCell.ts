import type { ComponentDrift } from '../api/types';
import { describeDrift, shortRef } from '../components/format';

/**
 * What the catalog's golden-path column shows: the drift status (text null when the
 * component was not made from a golden path, shown as "–") and the tooltip's lines.
 */
export function describeGoldenPathCell(drift: ComponentDrift | null): {
  text: string | null;
  status: ComponentDrift['status'] | 'none';
  lines: string[];
} {
  if (!drift) {
    return {
      text: null,
      status: 'none',
      lines: [
        'Not made from a golden path (no golden-path.acme-portal.io/template annotation)',
      ],
    };
  }
  const version = drift.version ? ` ${drift.version}` : '';
  const latest = drift.latestVersion ? `, latest ${drift.latestVersion}` : '';
  return {
    text: describeDrift(drift),
    status: drift.status,
    lines: [`${shortRef(drift.template)}${version}${latest}`],
  };
}
