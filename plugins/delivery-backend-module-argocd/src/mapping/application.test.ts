import {
  applicationResponse,
  checkoutHistory,
  checkoutSucceeded,
  paymentsApplication,
} from '../__testUtils__/argocdApi';
import { Application, applicationSchema } from '../client/types';
import { statusOfPhase, syncsOf, triggeredByOf } from './application';

const SHA_1 = '6bed858de32a0e876ec49dad1a2e3c5840d3fb07';
const SHA_2 = '53e28ff20cc530b9ada2173fbbd64d48338583ba';

const context = {
  instance: { name: 'argo-prod', url: 'https://argocd.example.com' },
  environments: [],
  defaultEnvironment: 'unknown',
};

const parse = (response: unknown): Application =>
  applicationSchema.parse(response);

describe('syncsOf', () => {
  it('maps each history entry and merges the succeeded operation into the newest one', () => {
    const app = parse(
      applicationResponse({
        name: 'checkout',
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: 'checkout-prod',
        },
        history: checkoutHistory(SHA_1, SHA_2).map(entry =>
          // The first synced by hand from the UI or CLI.
          entry.id === 4
            ? { ...entry, initiatedBy: { username: 'admin' } }
            : entry,
        ),
        operationState: checkoutSucceeded(SHA_2),
      }),
    );
    expect(syncsOf(app, context)).toEqual([
      {
        id: 'argo-prod/argocd/checkout/2024-05-14T09:12:03Z',
        environment: 'production',
        status: 'success',
        startedAt: '2024-05-14T09:12:03Z',
        finishedAt: '2024-05-14T09:12:41Z',
        version: '6bed858',
        url: 'https://argocd.example.com/applications/argocd/checkout',
        triggeredBy: 'admin (manual sync)',
        commits: [{ sha: SHA_1 }],
      },
      {
        id: 'argo-prod/argocd/checkout/2024-05-15T13:30:00Z',
        environment: 'production',
        status: 'success',
        startedAt: '2024-05-15T13:30:00Z',
        // The history entry's deployedAt, which the operation's finish follows.
        finishedAt: '2024-05-15T13:31:12Z',
        version: '53e28ff',
        url: 'https://argocd.example.com/applications/argocd/checkout',
        // The auto-sync policy's operation: initiatedBy.automated.
        triggeredBy: 'argocd: automated sync',
        commits: [{ sha: SHA_2 }],
      },
    ]);
  });

  it('keeps a failed latest operation apart from the history, and a running one open', () => {
    const base = { namespace: 'team-pay', deployed: SHA_1, revision: SHA_2 };
    const failed = syncsOf(
      parse(
        paymentsApplication({
          ...base,
          failure: 'one or more objects failed to apply',
        }),
      ),
      context,
    );
    expect(failed.map(s => [s.id, s.status, s.finishedAt])).toEqual([
      [
        'argo-prod/team-pay/payments/2024-05-10T07:00:00Z',
        'success',
        '2024-05-10T07:01:00Z',
      ],
      [
        'argo-prod/team-pay/payments/2024-05-16T08:00:00Z',
        'failure',
        '2024-05-16T08:02:30Z',
      ],
    ]);
    expect(failed[1].commits).toEqual([{ sha: SHA_2 }]);
    expect(failed[1].url).toBe(
      'https://argocd.example.com/applications/team-pay/payments',
    );

    const running = syncsOf(parse(paymentsApplication(base)), context);
    expect(running[1]).toMatchObject({
      id: 'argo-prod/team-pay/payments/2024-05-16T08:00:00Z',
      status: 'in_progress',
      finishedAt: null,
      environment: 'production',
    });
  });

  it('records a Helm chart version, with no commit', () => {
    const [sync] = syncsOf(
      parse(
        applicationResponse({
          name: 'redis',
          chart: 'redis',
          destination: { name: 'staging', namespace: 'cache' },
          history: [
            {
              id: 0,
              revision: '18.6.1',
              deployStartedAt: '2024-05-01T10:00:00Z',
              deployedAt: '2024-05-01T10:00:20Z',
            },
          ],
        }),
      ),
      context,
    );
    expect(sync).toMatchObject({
      version: '18.6.1',
      commits: [],
      environment: 'staging',
    });
  });

  it('pairs the revisions of a multi-source application with their sources', () => {
    const app = parse({
      metadata: { name: 'shop', namespace: 'argocd' },
      spec: {
        project: 'shop',
        destination: { name: 'prod', namespace: 'shop' },
      },
      status: {
        history: [
          {
            id: 2,
            revisions: ['1.4.2', SHA_2],
            sources: [
              { repoURL: 'https://charts.example.com', chart: 'shop' },
              { repoURL: 'https://github.com/acme/shop-values.git', path: '.' },
            ],
            deployStartedAt: '2024-05-02T10:00:00Z',
            deployedAt: '2024-05-02T10:01:00Z',
          },
        ],
      },
    });
    expect(syncsOf(app, context)).toEqual([
      expect.objectContaining({
        version: '1.4.2, 53e28ff',
        commits: [{ sha: SHA_2, sourceIndex: 1 }],
      }),
    ]);
  });

  it('skips dry runs and selective syncs, and falls back to deployedAt for old entries', () => {
    const app = parse({
      metadata: { name: 'old', namespace: 'argocd' },
      spec: { destination: { namespace: 'old' } },
      status: {
        history: [
          { id: 0, revision: SHA_1, deployedAt: '2020-11-18T16:47:04Z' },
        ],
        operationState: {
          operation: {
            sync: {
              revision: SHA_2,
              resources: [{ kind: 'Deployment', name: 'x' }],
            },
          },
          phase: 'Succeeded',
          startedAt: '2024-05-02T10:00:00Z',
          finishedAt: '2024-05-02T10:00:05Z',
          syncResult: { revision: SHA_2 },
        },
      },
    });
    expect(syncsOf(app, context)).toEqual([
      expect.objectContaining({
        id: 'argo-prod/argocd/old/2020-11-18T16:47:04Z',
        startedAt: '2020-11-18T16:47:04Z',
        finishedAt: '2020-11-18T16:47:04Z',
        // Nothing but the instance name, argo-prod, tells.
        environment: 'production',
      }),
    ]);
  });
});

describe('statusOfPhase', () => {
  it('maps operation phases', () => {
    expect(statusOfPhase('Succeeded')).toBe('success');
    expect(statusOfPhase('Failed', 'one or more objects failed to apply')).toBe(
      'failure',
    );
    expect(statusOfPhase('Error', 'failed to record sync to history')).toBe(
      'failure',
    );
    expect(statusOfPhase('Failed', 'Operation terminated')).toBe('cancelled');
    expect(statusOfPhase('Running')).toBe('in_progress');
    expect(statusOfPhase('Terminating')).toBe('in_progress');
    expect(statusOfPhase('Unknown')).toBeUndefined();
  });
});

describe('triggeredByOf', () => {
  it('names automation, a user, or nothing when Argo CD did not record it', () => {
    expect(triggeredByOf({ automated: true })).toBe('argocd: automated sync');
    expect(triggeredByOf({ username: 'alice@example.com' })).toBe(
      'alice@example.com (manual sync)',
    );
    expect(triggeredByOf({ automated: false, username: '' })).toBeUndefined();
    expect(triggeredByOf(undefined)).toBeUndefined();
  });
});
