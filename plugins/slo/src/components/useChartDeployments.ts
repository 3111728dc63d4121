import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { deliveryApiRef } from '@internal/backstage-plugin-delivery-react';
import useAsync from 'react-use/esm/useAsync';
import { sloApiRef } from '../api/SloClient';
import { IMPACT_CHUNK } from '../api/seams';
import { chunk, toChartDeployments, withImpacts } from '../model/deployments';
import { ChartDeployment } from '../model/chart';

/** Deployments asked of the delivery plugin for the markers of one window. */
export const MARKER_LIMIT = 200;

/**
 * Production deployments of the entity in the window, from the delivery plugin when it
 * is installed, each marked when the SLO backend says it was made while the budget was
 * exhausted. `available` is false without the delivery plugin.
 */
export function useChartDeployments(
  entityRef: string,
  window: { from: string; to: string } | undefined,
): { deployments: ChartDeployment[]; available: boolean; error?: Error } {
  const deliveryApi = useApiHolder().get(deliveryApiRef);
  const sloApi = useApi(sloApiRef);
  const { value, error } = useAsync(async () => {
    if (!deliveryApi || !window) return [];
    const page = await deliveryApi.listDeployments({
      entityRef,
      from: window.from,
      to: window.to,
      limit: MARKER_LIMIT,
    });
    const deployments = toChartDeployments(page.items);
    const impacts = await Promise.allSettled(
      chunk(deployments, IMPACT_CHUNK).map(part =>
        sloApi.getDeploymentImpact({
          entityRef,
          deployments: part.map(d => ({ id: d.key, at: d.at })),
        }),
      ),
    );
    return withImpacts(
      deployments,
      impacts.flatMap(answer =>
        answer.status === 'fulfilled' ? answer.value.impacts : [],
      ),
    );
  }, [deliveryApi, sloApi, entityRef, window?.from, window?.to]);
  return {
    deployments: value ?? [],
    available: !!deliveryApi,
    error,
  };
}
