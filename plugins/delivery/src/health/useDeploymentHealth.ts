import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { deliveryApiRef } from '@internal/backstage-plugin-delivery-react';
import { healthByKey, VerdictState } from './verdict';

/**
 * The verdicts of the production deployments that finished in [from, to): one request
 * for the whole window, whatever the table pages or the chart draws of it.
 */
export function useDeploymentHealth(query: {
  entityRef: string;
  from: string;
  to: string;
  isProduction: (environment: string) => boolean;
}): VerdictState {
  const api = useApi(deliveryApiRef);
  const { entityRef, from, to, isProduction } = query;
  const health = useAsync(
    () => api.getDeploymentHealth({ entityRef, from, to }),
    [api, entityRef, from, to],
  );
  return useMemo(
    () => ({
      isProduction,
      loading: health.loading,
      error: health.error,
      response: health.value,
      byKey: healthByKey(health.value),
    }),
    [isProduction, health.loading, health.error, health.value],
  );
}
