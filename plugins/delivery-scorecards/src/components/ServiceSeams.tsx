import { parseEntityRef } from '@backstage/catalog-model';
import { useApiHolder, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  MaturityLevelCell,
  useMaturityLevels,
} from '@internal/backstage-plugin-maturity-react';
import useAsync from 'react-use/esm/useAsync';
import {
  formatRatio,
  goldenPathApiRef,
  serviceSloApiRef,
} from '@internal/backstage-plugin-delivery-react';
import type { ServiceScorecard } from '@internal/backstage-plugin-delivery-common';
import { ExtraColumn } from './ScorecardTable';

/**
 * Columns from other plugins, next to the DORA figures: SLO status and budget left,
 * golden-path template and version, maturity level. A column appears only when its
 * plugin provides the API; until then nothing is shown.
 */
export function useServiceSeamColumns(
  services: ServiceScorecard[] | undefined,
): ExtraColumn<ServiceScorecard>[] {
  const apis = useApiHolder();
  const slo = apis.get(serviceSloApiRef);
  const goldenPath = apis.get(goldenPathApiRef);
  const refs = (services ?? []).map(s => s.entityRef);
  const key = refs.join(',');
  const { value } = useAsync(async () => {
    if (refs.length === 0) return {};
    const [slos, paths] = await Promise.all([
      slo?.getSloSummaries(refs).catch(() => undefined),
      goldenPath?.getGoldenPaths(refs).catch(() => undefined),
    ]);
    return { slos, paths };
    // refs is derived from key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [slo, goldenPath, key]);
  // One POST /api/maturity/levels for every row.
  const maturity = useMaturityLevels(refs);
  const entityRoute = useRouteRef(entityRouteRef);

  const columns: ExtraColumn<ServiceScorecard>[] = [];
  if (slo) {
    columns.push({
      header: 'SLO (budget left)',
      cell: row => {
        const summary = value?.slos?.[row.entityRef];
        return summary
          ? `${summary.status} (${formatRatio(summary.errorBudgetRemaining)})`
          : '–';
      },
    });
  }
  if (goldenPath) {
    columns.push({
      header: 'Golden path',
      cell: row => {
        const path = value?.paths?.[row.entityRef];
        if (!path) return 'not from a golden path';
        const behind =
          path.latestVersion && path.version !== path.latestVersion
            ? ` (latest ${path.latestVersion})`
            : '';
        return `${path.template}${
          path.version ? ` v${path.version}` : ''
        }${behind}`;
      },
    });
  }
  if (maturity.available) {
    columns.push({
      header: 'Maturity',
      cell: row => {
        const { kind, namespace, name } = parseEntityRef(row.entityRef);
        return (
          <MaturityLevelCell
            entityRef={row.entityRef}
            level={maturity.error ? null : maturity.levelOf(row.entityRef)}
            link={`${entityRoute({ kind, namespace, name })}/maturity`}
          />
        );
      },
    });
  }
  return columns;
}
