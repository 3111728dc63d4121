import { rolloutKey } from '../dora/duplicates';
import type { DoraDeployment, DoraIncident } from '../dora/types';
import { failureEvidence } from './failureEvidence';

const deployment = (
  source: string,
  id: string,
  extra: Partial<DoraDeployment> = {},
): DoraDeployment => ({
  source,
  id,
  entityRef: 'component:default/checkout',
  environment: 'production',
  status: 'success',
  startedAt: '2026-01-05T10:00:00Z',
  finishedAt: '2026-01-05T10:05:00Z',
  commits: [],
  ...extra,
});

const incident = (
  source: string,
  id: string,
  deploymentId?: string,
  extra: Partial<DoraIncident> = {},
): DoraIncident => ({
  source,
  id,
  entityRef: 'component:default/checkout',
  openedAt: '2026-01-05T11:00:00Z',
  ...(deploymentId ? { deploymentId } : {}),
  ...extra,
});

describe('failureEvidence', () => {
  it('collects the incidents naming each rollout and the rollbacks of it', () => {
    const evidence = failureEvidence({
      deployments: [
        deployment('github', 'd1'),
        deployment('github', 'd2', { rollbackOf: 'd1' }),
        deployment('github', 'd3'),
      ],
      incidents: [
        incident('github', 'i1', 'd1'),
        incident('github', 'i2', 'd1'),
        incident('github', 'i3', 'd3'),
        // names no deployment: no evidence against any
        incident('github', 'i4'),
        // names an id no source has
        incident('github', 'i5', 'd404'),
      ],
    });
    expect(Object.fromEntries(evidence)).toEqual({
      [rolloutKey('github', 'd1')]: {
        incidentIds: ['i1', 'i2'],
        rolledBackBy: ['d2'],
      },
      [rolloutKey('github', 'd3')]: { incidentIds: ['i3'], rolledBackBy: [] },
    });
  });

  it("reads an incident tool's deploymentId as a deployment of the same component", () => {
    // PagerDuty runs no deployments: its P1 names argocd's d1 of checkout; a
    // deployment d1 of another component is not it
    const evidence = failureEvidence({
      deployments: [
        deployment('argocd', 'd1'),
        deployment('github', 'd1', { entityRef: 'component:default/cart' }),
      ],
      incidents: [incident('pagerduty', 'P1', 'd1')],
    });
    expect([...evidence.keys()]).toEqual([rolloutKey('argocd', 'd1')]);
    // a reader that resolved the source says so, and is followed
    const resolved = failureEvidence({
      deployments: [],
      incidents: [
        incident('pagerduty', 'P2', 'd7', { deploymentSource: 'jenkins' }),
      ],
    });
    expect([...resolved.keys()]).toEqual([rolloutKey('jenkins', 'd7')]);
  });

  it('counts what names a duplicate report against its rollout, once', () => {
    // argocd's a1 reports github's d1 rollout again; the incident names a1, the
    // rollback (by argocd's a2, itself a duplicate of github's d2) names a1 too
    const evidence = failureEvidence({
      deployments: [
        deployment('github', 'd1'),
        deployment('argocd', 'a1'),
        deployment('github', 'd2', { rollbackOf: 'd1' }),
        deployment('argocd', 'a2', { rollbackOf: 'a1' }),
      ],
      incidents: [incident('argocd', 'i1', 'a1')],
      duplicateOf: new Map([
        [rolloutKey('argocd', 'a1'), rolloutKey('github', 'd1')],
        [rolloutKey('argocd', 'a2'), rolloutKey('github', 'd2')],
      ]),
    });
    expect(Object.fromEntries(evidence)).toEqual({
      [rolloutKey('github', 'd1')]: {
        incidentIds: ['i1'],
        rolledBackBy: ['d2'],
      },
    });
  });

  it('takes rollbacks from successful production deployments only', () => {
    const evidence = failureEvidence({
      deployments: [
        deployment('github', 'd1'),
        deployment('github', 'r1', { rollbackOf: 'd1', status: 'failure' }),
        deployment('github', 'r2', {
          rollbackOf: 'd1',
          environment: 'staging',
        }),
        deployment('github', 'r3', { rollbackOf: 'd1', environment: 'Live' }),
      ],
      incidents: [],
    });
    expect(evidence.get(rolloutKey('github', 'd1'))).toEqual({
      incidentIds: [],
      rolledBackBy: ['r3'],
    });
  });
});
