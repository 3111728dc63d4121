import { useCallback, useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { deliveryApiRef } from '@internal/backstage-plugin-delivery-react';
import {
  DeploymentOutcome,
  ListedDeployment,
} from '@internal/backstage-plugin-delivery-common';

const PAGE_SIZE = 50;

/**
 * Deployments of the window, a page at a time, reset when the query changes. Every
 * filter goes to the backend, so pages hold only matching deployments.
 */
export function useDeploymentPages(query: {
  entityRef: string;
  from: string;
  to: string;
  environment?: string;
  source?: string;
  outcome?: DeploymentOutcome;
  search?: string;
}) {
  const api = useApi(deliveryApiRef);
  const [state, setState] = useState<{
    items: ListedDeployment[];
    cursor?: string;
    loading: boolean;
    error?: Error;
  }>({ items: [], loading: true });
  const { entityRef, from, to, environment, source, outcome, search } = query;

  const load = useCallback(
    async (cursor: string | undefined, append: boolean) => {
      setState(s => ({ ...s, loading: true, error: undefined }));
      try {
        const page = await api.listDeployments({
          entityRef,
          from,
          to,
          environment,
          source,
          outcome,
          search,
          limit: PAGE_SIZE,
          cursor,
        });
        setState(s => ({
          items: append ? [...s.items, ...page.items] : page.items,
          cursor: page.nextCursor,
          loading: false,
        }));
      } catch (error) {
        setState(s => ({ ...s, loading: false, error: error as Error }));
      }
    },
    [api, entityRef, from, to, environment, source, outcome, search],
  );

  useEffect(() => {
    setState({ items: [], loading: true });
    load(undefined, false);
  }, [load]);

  return {
    ...state,
    loadMore: () => load(state.cursor, true),
  };
}
