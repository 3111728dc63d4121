/*
 * Two delivery backends (each with the events backend and this module, the real
 * Backstage scheduler) on one PostgreSQL database of the test's own cluster, behind a
 * round-robin proxy on loopback, as two replicas behind a load balancer:
 *
 * - GitHub webhook deliveries through the proxy, and each one also straight to both
 *   replicas, are stored once; so is one POST /events batch sent to both at once;
 * - what one replica stores, the other reads at once (no per-replica cache);
 * - the scheduled pull runs once per cadence across both replicas (the scheduler's
 *   lock in PostgreSQL), never twice in one cadence;
 * - a replica stopped in the middle of a pull: the other picks the task up once its
 *   timeout lapses and the scheduler's janitor (every minute) frees the run, and the
 *   pulled deployment is stored once.
 *
 * The replicas tell themselves apart to the fake GitHub API by their tokens.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { randomUUID } from 'node:crypto';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { examplesOf } from './__testUtils__/examples';
import { serveExampleCommit } from './__testUtils__/githubApi';
import {
  loopbackOnly,
  OwnPostgres,
  startOwnPostgres,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { roundRobinProxy } from './__testUtils__/proxy';
import {
  describeWithPostgres,
  Replica,
  startGithubReplica,
} from './__testUtils__/replicas';
import { githubHeaders, helloWorld } from './__testUtils__/scenario';

const SECRET = 'replica-secret';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const auth = { Authorization: mockCredentials.user.header() };

/** Which replica (by its token) started each pull, and when. */
const pulls: { replica: string; at: number }[] = [];
/** Set to make the next pull hang inside its deployment list; holds the replica it caught. */
let hangNextPull: { caught?: string } | undefined;
const PULLED_DEPLOYMENT = 424242;

const replicaOf = (request: Request) =>
  /ghp_replica_(\w)/.exec(request.headers.get('authorization') ?? '')?.[1] ??
  'unknown';

const example = examplesOf('deployment_status')[0];
const github = setupServer(
  http.get(
    'https://api.github.com/repos/codertocat/hello-world',
    ({ request }) => {
      pulls.push({ replica: replicaOf(request), at: Date.now() });
      return HttpResponse.json(example.repository);
    },
  ),
  http.get(
    'https://api.github.com/repos/Codertocat/Hello-World/deployments',
    async ({ request }) => {
      if (hangNextPull && !hangNextPull.caught) {
        hangNextPull.caught = replicaOf(request);
        await new Promise(() => {}); // never answers: the replica is "gone"
      }
      return HttpResponse.json([
        {
          ...example.deployment,
          id: PULLED_DEPLOYMENT,
          created_at: new Date().toISOString(),
        },
      ]);
    },
  ),
  http.get(
    `https://api.github.com/repos/Codertocat/Hello-World/deployments/${PULLED_DEPLOYMENT}/statuses`,
    () =>
      HttpResponse.json([{ ...example.deployment_status, state: 'success' }]),
  ),
  http.get(
    'https://api.github.com/repos/Codertocat/Hello-World/actions/workflows',
    () => HttpResponse.json({ total_count: 0, workflows: [] }),
  ),
  http.get('https://api.github.com/repos/Codertocat/Hello-World/issues', () =>
    HttpResponse.json([]),
  ),
  http.get('https://api.github.com/repos/Codertocat/Hello-World/pulls', () =>
    HttpResponse.json([]),
  ),
  serveExampleCommit(),
);

describeWithPostgres('two replicas on one PostgreSQL', () => {
  let pg: OwnPostgres;
  const replicas: Record<'a' | 'b' | 'c', Replica & { stopped?: boolean }> =
    {} as any;
  let proxy: Server;
  let proxyUrl: string;

  const startReplica = async (name: 'a' | 'b' | 'c') => {
    replicas[name] = await startGithubReplica({
      pg,
      entities: [helloWorld],
      secret: SECRET,
      token: `ghp_replica_${name}`,
      github: {
        workflows: [{ name: 'deploy', environment: 'production' }],
        schedule: {
          frequency: { seconds: 2 },
          timeout: { seconds: 4 },
          initialDelay: { seconds: 0 },
        },
      },
      features: [schedulerServiceFactory],
    });
  };

  const nodeEnv = process.env.NODE_ENV;

  beforeAll(async () => {
    // The scheduler runs its janitor (which frees runs whose timeout lapsed, e.g. of a
    // dead replica) everywhere but under NODE_ENV=test: run it here as in production.
    process.env.NODE_ENV = 'development';
    github.listen({ onUnhandledRequest: loopbackOnly });
    pg = startOwnPostgres();
    // One after the other: the first creates the databases and runs the migrations.
    await startReplica('a');
    await startReplica('b');
    proxy = await roundRobinProxy(() =>
      Object.values(replicas)
        .filter(r => !r.stopped)
        .map(r => r.url),
    );
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    proxy?.close();
    for (const replica of Object.values(replicas)) {
      if (!replica.stopped) await replica.stop();
    }
    github.close();
    pg?.destroy();
    process.env.NODE_ENV = nodeEnv;
  }, 60_000);

  const at = (target: 'a' | 'b' | 'c' | 'proxy') =>
    target === 'proxy' ? proxyUrl : `http://127.0.0.1:${replicas[target].port}`;

  const deliver = (
    target: 'a' | 'b' | 'proxy',
    deploymentId: number,
    deliveryId = randomUUID(),
  ) => {
    const payload = examplesOf('deployment_status')[0];
    payload.deployment.id = deploymentId;
    const body = JSON.stringify(payload);
    return fetch(`${at(target)}/api/events/http/github`, {
      method: 'POST',
      body,
      headers: githubHeaders('deployment_status', body, {
        secret: SECRET,
        deliveryId,
      }),
    });
  };

  const deployments = async (target: 'a' | 'b' | 'c' | 'proxy') => {
    const response = await fetch(
      `${at(
        target,
      )}/api/delivery/deployments?entityRef=component:default/hello-world&limit=500`,
      { headers: auth },
    );
    expect(response.status).toBe(200);
    return (await response.json()).items as { id: string; source: string }[];
  };

  async function eventually(check: () => Promise<boolean>, ms = 10_000) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (await check()) return;
      await sleep(100);
    }
    throw new Error('timed out');
  }

  it('stores webhook deliveries and /events batches sent to either or both replicas once, and each reads what the other stored', async () => {
    // 20 deliveries through the proxy (alternating), each also sent to both replicas
    // directly with the same delivery id, as GitHub's "redeliver" or a retry would.
    const ids = Array.from({ length: 20 }, (_, i) => 9100 + i);
    await Promise.all(
      ids.map(async id => {
        const deliveryId = randomUUID();
        const statuses = await Promise.all([
          deliver('proxy', id, deliveryId),
          deliver('a', id, deliveryId),
          deliver('b', id, deliveryId),
        ]);
        expect(statuses.map(s => s.status)).toEqual([202, 202, 202]);
      }),
    );
    const expected = ids.map(id => `Codertocat/Hello-World/deployments/${id}`);
    await eventually(
      async () =>
        (await deployments('a')).filter(d => expected.includes(d.id)).length ===
        20,
    );
    for (const replica of ['a', 'b'] as const) {
      const listed = (await deployments(replica)).filter(d =>
        expected.includes(d.id),
      );
      expect(listed.map(d => d.id).sort()).toEqual([...expected].sort());
    }

    // One /events batch to both replicas at the same moment, and again via the proxy.
    const events = Array.from({ length: 50 }, (_, i) => ({
      kind: 'deployment',
      source: 'ci',
      id: `both-${i}`,
      entityRef: 'component:default/hello-world',
      environment: 'production',
      status: 'success',
      startedAt: '2026-01-05T10:00:00Z',
      finishedAt: `2026-01-05T10:${String(i).padStart(2, '0')}:30Z`,
      commits: [{ sha: `sha-${i}`, committedAt: '2026-01-05T09:00:00Z' }],
    }));
    const post = (target: 'a' | 'b' | 'proxy') =>
      fetch(`${at(target)}/api/delivery/events`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ events }),
      });
    const answers = await Promise.all([post('a'), post('b'), post('proxy')]);
    expect(answers.map(r => r.status)).toEqual([200, 200, 200]);
    for (const replica of ['a', 'b'] as const) {
      const ci = (await deployments(replica)).filter(d => d.source === 'ci');
      expect(ci.length).toBe(50);
    }
    // The figures agree on both replicas: 50 deployments in the window.
    for (const replica of ['a', 'b'] as const) {
      const response = await fetch(
        `${at(
          replica,
        )}/api/delivery/dora?entityRef=component:default/hello-world&from=2026-01-05T00:00:00Z&to=2026-01-06T00:00:00Z`,
        { headers: auth },
      );
      expect((await response.json()).deploymentFrequency.deployments).toBe(50);
    }
  }, 60_000);

  it('runs the scheduled pull once per cadence across both replicas', async () => {
    pulls.length = 0;
    await sleep(9_000);
    const seen = [...pulls];
    // A 2 s cadence over 9 s: 3 to 5 pulls, never two within one cadence.
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].at - seen[i - 1].at).toBeGreaterThan(1500);
    }
    // The pulled deployment is stored once.
    const pulled = (await deployments('a')).filter(
      d => d.id === `Codertocat/Hello-World/deployments/${PULLED_DEPLOYMENT}`,
    );
    expect(pulled).toHaveLength(1);
  }, 30_000);

  it('lets another replica pick a pull up when one stops in the middle of it', async () => {
    hangNextPull = {};
    await eventually(async () => hangNextPull?.caught !== undefined, 10_000);
    const gone = hangNextPull.caught as 'a' | 'b';
    const caughtAt = Date.now();
    replicas[gone].stopped = true;
    // Not awaited: a stopped backend may wait on the pull that never returns.
    replicas[gone].stop().catch(() => {});

    // The run's 4 s timeout lapses. The scheduler's janitor frees expired runs when a
    // backend starts and every minute after: the orchestrator starting a replacement
    // replica, as it would for a dead one, frees it at once.
    await sleep(4500);
    await startReplica('c');
    await eventually(
      async () => pulls.some(p => p.replica !== gone && p.at > caughtAt),
      70_000,
    );
    const takeover = pulls.find(p => p.replica !== gone && p.at > caughtAt)!;
    await sleep(1500);
    for (const replica of ['c', gone === 'a' ? 'b' : 'a'] as const) {
      const pulled = (await deployments(replica)).filter(
        d => d.id === `Codertocat/Hello-World/deployments/${PULLED_DEPLOYMENT}`,
      );
      expect(pulled).toHaveLength(1);
    }
    // The proxy now serves the living replicas only.
    expect(
      (await fetch(`${proxyUrl}/api/delivery/sources`, { headers: auth }))
        .status,
    ).toBe(200);
    // eslint-disable-next-line no-console
    console.log(
      `replica ${gone} stopped mid-pull; replica ${
        takeover.replica
      } ran the pull ${Math.round((takeover.at - caughtAt) / 1000)} s later`,
    );
  }, 100_000);
});
