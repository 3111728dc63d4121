import { useApiHolder } from '@backstage/core-plugin-api';
import type { ComponentLevel } from '@internal/backstage-plugin-maturity-common';
import { useCallback } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { maturityApiRef } from '../apis';
import { levelsByRef, refKey } from '../levels';

export interface MaturityLevels {
  /** False when no plugin provides `maturityApiRef`: hide the column. */
  available: boolean;
  loading: boolean;
  error?: Error;
  /**
   * A row's level: undefined while loading (or after an error), null when the backend
   * has no facts for it.
   */
  levelOf(entityRef: string): ComponentLevel | null | undefined;
}

/**
 * The levels of a table's rows with ONE `POST /api/maturity/levels` for all of them
 * (again only when the set of refs changes), for the catalog column and the
 * scorecards. Without the maturity plugin installed it asks nothing.
 */
export function useMaturityLevels(entityRefs: string[]): MaturityLevels {
  const api = useApiHolder().get(maturityApiRef);
  // The request depends on the set of rows, not on the array's identity or order.
  const key = [...new Set(entityRefs.map(refKey))].sort().join('\n');
  const { value, loading, error } = useAsync(async () => {
    if (!api || key === '') return new Map<string, ComponentLevel>();
    return levelsByRef((await api.getLevels(key.split('\n'))).items);
  }, [api, key]);
  const levelOf = useCallback(
    (entityRef: string) =>
      value ? value.get(refKey(entityRef)) ?? null : undefined,
    [value],
  );
  return { available: !!api, loading, error, levelOf };
}
