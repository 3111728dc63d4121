import { useApiHolder } from '@backstage/core-plugin-api';
import {
  DeploymentFlags,
  deployGateApiRef,
  FreezeMark,
} from '@internal/backstage-plugin-delivery-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { FreezePeriod, freezeMarks, MarkableDeployment } from './freezeMarks';

/** Components asked about at once (a team's tab may show many). */
const MAX_COMPONENTS = 20;

/**
 * The freeze marks of the deployments shown, merged into the other flags (keys
 * `source/id`). Each component's decisions and freeze come from the deploy gate API;
 * a component whose answers fail gets no marks (missing data is never a verdict).
 * Without a deploy gate API nothing is marked.
 */
export function useFreezeMarks(options: {
  deployments: MarkableDeployment[];
  flags?: Record<string, DeploymentFlags>;
  isProduction: (environment: string) => boolean;
}): Record<string, DeploymentFlags> | undefined {
  const gateApi = useApiHolder().get(deployGateApiRef);
  const { deployments, flags, isProduction } = options;
  const components = useMemo(
    () =>
      [
        ...new Set(
          deployments
            .filter(d => isProduction(d.environment))
            .map(d => d.entityRef.toLocaleLowerCase('en-US')),
        ),
      ]
        .sort()
        .slice(0, MAX_COMPONENTS),
    [deployments, isProduction],
  );
  const answers = useAsync(async () => {
    if (!gateApi || components.length === 0) return [];
    return Promise.all(
      components.map(async entityRef => {
        try {
          const [freeze, decisions] = await Promise.all([
            gateApi.getFreeze(entityRef),
            gateApi.getDecisions(entityRef),
          ]);
          return { entityRef, freeze, decisions };
        } catch {
          return undefined;
        }
      }),
    );
  }, [gateApi, components.join(',')]);

  return useMemo(() => {
    const known = (answers.value ?? []).filter(
      (a): a is NonNullable<typeof a> => !!a,
    );
    let marks: Record<string, FreezeMark> = {};
    if (known.length > 0) {
      const loaded = new Set(known.map(a => a.entityRef));
      const freezes: FreezePeriod[] = known.flatMap(a =>
        a.freeze.frozen && a.freeze.since
          ? [{ entityRef: a.entityRef, from: a.freeze.since }]
          : [],
      );
      marks = freezeMarks({
        deployments: deployments.filter(d =>
          loaded.has(d.entityRef.toLocaleLowerCase('en-US')),
        ),
        freezes,
        madeWhileFrozen: new Set(
          Object.entries(flags ?? {})
            .filter(([, f]) => f.errorBudgetExhausted)
            .map(([key]) => key),
        ),
        decisions: known.flatMap(a => a.decisions),
        isProduction,
      });
    }
    if (Object.keys(marks).length === 0) return flags;
    const merged: Record<string, DeploymentFlags> = { ...flags };
    for (const [key, freeze] of Object.entries(marks)) {
      merged[key] = { ...merged[key], freeze };
    }
    return merged;
  }, [answers.value, deployments, flags, isProduction]);
}
