import type { GoldenPathFacts } from '@internal/backstage-plugin-maturity-common';
import type {
  MaturityCollectOptions,
  MaturityFactProvider,
  PluginBackendClient,
} from '@internal/backstage-plugin-maturity-node';

/** A row of the golden-paths backend's `GET /drift` (plugins/golden-paths-backend). */
interface DriftRow {
  entityRef: string;
  template: string;
  version?: string;
  latestVersion?: string;
  status:
    | 'current'
    | 'behind'
    | 'ahead'
    | 'unknown-template'
    | 'invalid-version';
  behind?: { level: 'major' | 'minor' | 'patch'; count: number };
}

/** How far behind, as the golden-path check reads it (a patch is within the minor). */
function driftOf(row: DriftRow): GoldenPathFacts['drift'] {
  if (row.status === 'current' || row.status === 'ahead') return 'current';
  if (row.status !== 'behind' || !row.behind) return undefined;
  return row.behind.level === 'major' ? 'major' : 'minor';
}

/**
 * Golden-path facts, a batch of components per request to the golden-paths backend's
 * `GET /drift?entityRef=a,b,...`. A component missing from the drift report was not
 * made from a golden path (its check does not apply); one made from a known template
 * runs the template's CI, which tests before the production deploy.
 */
export class GoldenPathFactProvider
  implements MaturityFactProvider<'goldenPath'>
{
  readonly domain = 'goldenPath' as const;
  /** The refs go in the query string: keep the URL short. */
  readonly batchSize = 50;

  constructor(private readonly client: PluginBackendClient) {}

  async collect(
    entityRefs: string[],
    { credentials }: MaturityCollectOptions,
  ): Promise<Map<string, GoldenPathFacts>> {
    const answer = await this.client.get<{ components: DriftRow[] }>(
      '/drift',
      new URLSearchParams({ entityRef: entityRefs.join(',') }),
      credentials,
    );
    const facts = new Map<string, GoldenPathFacts>(
      entityRefs.map(ref => [ref, {}]),
    );
    for (const row of answer.components) {
      const ref = row.entityRef.toLowerCase();
      if (!facts.has(ref)) continue;
      facts.set(ref, {
        template: row.template,
        version: row.version,
        latestVersion: row.latestVersion,
        drift: driftOf(row),
        testsAndScansBeforeProduction: row.status !== 'unknown-template',
      });
    }
    return facts;
  }
}
