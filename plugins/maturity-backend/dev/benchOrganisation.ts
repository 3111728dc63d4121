/*
 * The benchmark organisation (scripts/bench-maturity.mjs): group bench-org > 10
 * departments > 100 teams > 1,000 components (10 per team), and synthetic facts for
 * every domain that spread the components over levels 0 to 4 by their index.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  MaturityFactProvider,
  maturityFactProvidersExtensionPoint,
} from '@internal/backstage-plugin-maturity-node';

const DEPARTMENTS = 10;
const TEAMS_PER_DEPARTMENT = 10;
const COMPONENTS_PER_TEAM = 10;
const DAY = 86_400_000;

const group = (
  name: string,
  children: string[],
  type: string,
  parent?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type, children },
  relations: [
    ...children.map(c => ({
      type: 'parentOf',
      targetRef: `group:default/${c}`,
    })),
    ...(parent
      ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
      : []),
  ],
});

export function benchOrganisation(): Entity[] {
  const entities: Entity[] = [];
  const departments = Array.from(
    { length: DEPARTMENTS },
    (_, d) => `bench-dept-${d}`,
  );
  entities.push(group('bench-org', departments, 'organization'));
  departments.forEach((dept, d) => {
    const teams = Array.from(
      { length: TEAMS_PER_DEPARTMENT },
      (_, t) => `bench-team-${d * TEAMS_PER_DEPARTMENT + t}`,
    );
    entities.push(group(dept, teams, 'department', 'bench-org'));
    teams.forEach(team => {
      entities.push(group(team, [], 'team', dept));
      for (let c = 0; c < COMPONENTS_PER_TEAM; c++) {
        const index = entities.filter(e => e.kind === 'Component').length;
        const name = `bench-svc-${index}`;
        entities.push({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name,
            namespace: 'default',
            annotations:
              index % 5 === 0
                ? {}
                : { 'pagerduty.com/service-id': `P${index}` },
            links:
              index % 5 >= 2
                ? [{ url: `https://wiki.example/${name}`, title: 'Runbook' }]
                : [],
            tags: [`tier-${index % 3}`],
          },
          spec: {
            type: 'service',
            owner: team,
            system: `bench-sys-${index % 10}`,
          },
          relations: [
            { type: 'ownedBy', targetRef: `group:default/${team}` },
            {
              type: 'partOf',
              targetRef: `system:default/bench-sys-${index % 10}`,
            },
          ],
        });
      }
    });
  });
  return entities;
}

const indexOf = (ref: string) => Number(ref.split('-').pop());

/** Synthetic providers: component i gets richer facts the higher i % 5 is. */
export const benchProvidersModule = createBackendModule({
  pluginId: 'maturity',
  moduleId: 'bench-providers',
  register(env) {
    env.registerInit({
      deps: { providers: maturityFactProvidersExtensionPoint },
      async init({ providers }) {
        const provider = (
          domain: MaturityFactProvider['domain'],
          facts: (i: number, now: Date) => unknown,
        ) =>
          providers.addProvider({
            domain,
            collect: async (refs, { now }) =>
              new Map(refs.map(ref => [ref, facts(indexOf(ref), now)])) as any,
          });
        provider('delivery', (i, now) => ({
          windowDays: 90,
          dataSince: new Date(
            now.getTime() - (i % 5 >= 2 ? 120 : 30) * DAY,
          ).toISOString(),
          deploymentsBySource: {
            github: 50,
            ...(i % 5 >= 3 ? { argocd: 50 } : {}),
          },
          productionDeployments: i % 5 >= 4 ? 108 : 45,
          preProductionDeployments: 40,
          deploymentsPerDay: i % 5 >= 4 ? 1.2 : 0.5,
          leadTimeMedianHours: i % 5 >= 4 ? 6 : 40,
          changeFailureRate: { ratio: 0.04, band: 'elite' },
          recovery: {
            failures: 2,
            unrecovered: 0,
            medianHours: 2,
            band: 'high',
          },
        }));
        provider('slo', i => ({
          objectives:
            i % 5 >= 2
              ? [
                  {
                    name: 'availability',
                    hasMetricSource: true,
                    alerting: true,
                    periodsMet: [true, true, false],
                  },
                ]
              : [],
        }));
        provider('goldenPath', () => ({}));
        provider('deployGate', i => ({
          windowDays: 30,
          decisions: i % 5 >= 4 ? 9 : 0,
        }));
      },
    });
  },
});
