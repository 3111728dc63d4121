import { sourceFreshness } from './sourceFreshness';

const HOUR = 3_600_000;
const now = Date.parse('2026-11-22T12:00:00Z');
const options = { now, staleAfterMs: 3 * HOUR };

describe('sourceFreshness', () => {
  it('is fresh when the last pull succeeded recently; lag counts from it', () => {
    const [github] = sourceFreshness(
      [
        {
          source: 'github',
          instance: '',
          via: 'pull',
          lastSuccessAt: '2026-11-22T11:30:00.000Z',
          lastErrorAt: '2026-11-22T10:00:00.000Z',
          lastError: 'old failure',
          consecutiveFailures: 0,
        },
      ],
      options,
    );
    // 11:30 -> 12:00 is 1,800 s; the 10:00 failure is older than the success.
    expect(github).toEqual({
      id: 'github',
      source: 'github',
      lastSuccessAt: '2026-11-22T11:30:00.000Z',
      lastErrorAt: '2026-11-22T10:00:00.000Z',
      lastError: 'old failure',
      lagSeconds: 1800,
      stale: false,
      failing: [],
    });
  });

  it('is stale since the last success when the latest pull failed', () => {
    const [gitlab] = sourceFreshness(
      [
        {
          source: 'gitlab',
          instance: 'gitlab.acme.test',
          via: 'pull',
          lastSuccessAt: '2026-11-22T09:00:00.000Z',
          lastErrorAt: '2026-11-22T11:00:00.000Z',
          lastError: '503 Service Unavailable',
          consecutiveFailures: 2,
        },
        {
          source: 'gitlab',
          instance: 'gitlab.acme.test',
          via: 'webhook',
          lastSuccessAt: '2026-11-22T11:50:00.000Z',
          consecutiveFailures: 0,
        },
      ],
      options,
    );
    // The webhook's 11:50 is the newest success: lag 600 s. The pull is failing.
    expect(gitlab).toMatchObject({
      id: 'gitlab/gitlab.acme.test',
      instance: 'gitlab.acme.test',
      lastSuccessAt: '2026-11-22T11:50:00.000Z',
      lagSeconds: 600,
      stale: true,
      staleSince: '2026-11-22T11:50:00.000Z',
      failing: ['pull'],
      lastError: '503 Service Unavailable',
    });
  });

  it('is stale when no pull succeeded within staleAfter, even without errors', () => {
    const [argocd] = sourceFreshness(
      [
        {
          source: 'argocd',
          instance: '',
          via: 'pull',
          lastSuccessAt: '2026-11-22T08:59:59.000Z',
          consecutiveFailures: 0,
        },
      ],
      options,
    );
    // 3 h 1 s ago > 3 h.
    expect(argocd).toMatchObject({
      stale: true,
      staleSince: '2026-11-22T08:59:59.000Z',
      lagSeconds: 10801,
      failing: [],
    });
  });

  it('is stale since its last error when a source never succeeded', () => {
    const [github, pagerduty] = sourceFreshness(
      [
        {
          source: 'pagerduty',
          instance: '',
          via: 'webhook',
          lastErrorAt: '2026-11-22T11:59:00.000Z',
          lastError: 'signature mismatch',
          consecutiveFailures: 4,
        },
        {
          source: 'github',
          instance: '',
          via: 'webhook',
          lastSuccessAt: '2026-11-20T00:00:00.000Z',
          consecutiveFailures: 0,
        },
      ],
      options,
    );
    expect(pagerduty.id).toBe('pagerduty');
    expect(pagerduty).toMatchObject({ stale: true, failing: ['webhook'] });
    expect(pagerduty.staleSince).toBe('2026-11-22T11:59:00.000Z');
    expect(pagerduty.lagSeconds).toBeUndefined();
    // Webhook-only sources are not stale for being quiet: no deployments is not an outage.
    expect(github).toMatchObject({ id: 'github', stale: false });
  });

  it('lists a source that is off until configured as disabled, never stale', () => {
    const reason =
      'not configured: no token for gitlab.com in integrations.gitlab';
    const [gitlab, jenkins] = sourceFreshness(
      [
        {
          // A failure stored before the source was declared off (an older run).
          source: 'gitlab',
          instance: 'gitlab.com',
          via: 'pull',
          lastErrorAt: '2026-11-22T11:00:00.000Z',
          lastError: 'no token for gitlab.com',
          consecutiveFailures: 3,
        },
      ],
      {
        ...options,
        disabled: new Map([
          ['gitlab/gitlab.com', reason],
          ['jenkins', 'not configured: no instance under jenkins'],
        ]),
      },
    );
    expect(gitlab).toEqual({
      id: 'gitlab/gitlab.com',
      source: 'gitlab',
      instance: 'gitlab.com',
      lastErrorAt: '2026-11-22T11:00:00.000Z',
      lastError: 'no token for gitlab.com',
      stale: false,
      failing: [],
      disabled: true,
      disabledReason: reason,
    });
    // Off without any report: listed from the declaration alone.
    expect(jenkins).toEqual({
      id: 'jenkins',
      source: 'jenkins',
      stale: false,
      failing: [],
      disabled: true,
      disabledReason: 'not configured: no instance under jenkins',
    });
  });
});
