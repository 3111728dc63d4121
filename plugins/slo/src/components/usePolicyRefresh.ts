import { useSignal } from '@backstage/plugin-signals-react';
import {
  SLO_POLICY_SIGNAL_CHANNEL,
  SloPolicySignal,
} from '@internal/backstage-plugin-slo-common';
import { useEffect, useState } from 'react';

/**
 * A number that goes up each time the SLO backend signals that a freeze started or
 * ended (`slo-policy`): of `entityRef` when given, of any component otherwise (a
 * roll-up). Put it in a fetch's dependencies so an open page reads its figures again.
 * Without the signals plugin it stays 0.
 */
export function usePolicyRefresh(entityRef?: string): number {
  const { lastSignal } = useSignal<SloPolicySignal>(SLO_POLICY_SIGNAL_CHANNEL);
  const [refreshes, setRefreshes] = useState(0);
  useEffect(() => {
    if (!lastSignal) return;
    if (
      entityRef &&
      lastSignal.entityRef.toLowerCase() !== entityRef.toLowerCase()
    ) {
      return;
    }
    setRefreshes(n => n + 1);
  }, [lastSignal, entityRef]);
  return refreshes;
}
