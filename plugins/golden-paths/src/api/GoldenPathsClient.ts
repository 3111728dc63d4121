import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { GoldenPathApi } from '@internal/backstage-plugin-delivery-react';
import { DriftReport, GoldenPathsApi } from './types';

/** @public */
export const goldenPathsApiRef = createApiRef<GoldenPathsApi>({
  id: 'plugin.golden-paths.api',
});

/**
 * Talks to `/api/golden-paths`. Also the scorecards' `goldenPathApiRef`: the team
 * scorecard shows each service's template and version from the same report.
 *
 * @public
 */
export class GoldenPathsClient implements GoldenPathsApi, GoldenPathApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async getDrift(
    request: { entityRefs?: string[]; owners?: string[] } = {},
  ): Promise<DriftReport> {
    const base = await this.options.discoveryApi.getBaseUrl('golden-paths');
    const query = new URLSearchParams();
    (request.entityRefs ?? []).forEach(ref => query.append('entityRef', ref));
    (request.owners ?? []).forEach(ref => query.append('owner', ref));
    const response = await this.options.fetchApi.fetch(
      `${base}/drift${query.size > 0 ? `?${query}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }

  async getGoldenPaths(entityRefs: string[]) {
    if (entityRefs.length === 0) return {};
    // One request for the whole table; refs are filtered by the backend.
    const report = await this.getDrift({ entityRefs });
    return Object.fromEntries(
      report.components.map(row => [
        row.entityRef,
        {
          template: row.template.replace(/^template:default\//, ''),
          ...(row.version ? { version: row.version } : {}),
          ...(row.latestVersion ? { latestVersion: row.latestVersion } : {}),
        },
      ]),
    );
  }
}
