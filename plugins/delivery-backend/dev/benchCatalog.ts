/*
 * The benchmark organisation (scripts/bench-delivery.mjs): group bench-org > 10 teams >
 * 100 components each, as a mocked catalog for dev/index.ts when DELIVERY_BENCH is set.
 */
import { Entity } from '@backstage/catalog-model';
import { group } from '../src/__testUtils__/entities';

const TEAMS = 10;
const COMPONENTS_PER_TEAM = 100;

const teams = Array.from({ length: TEAMS }, (_, t) => `bench-team-${t}`);
export const benchCatalog: Entity[] = [
  group('bench-org', teams),
  ...teams.map(team => group(team, [])),
  ...teams.flatMap((team, t) =>
    Array.from({ length: COMPONENTS_PER_TEAM }, (_, c) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `bench-svc-${t * COMPONENTS_PER_TEAM + c}`,
        namespace: 'default',
      },
      spec: { type: 'service', owner: team },
      relations: [{ type: 'ownedBy', targetRef: `group:default/${team}` }],
    })),
  ),
];
