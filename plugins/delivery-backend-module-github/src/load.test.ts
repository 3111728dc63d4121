/*
 * The load test in its bounded form (about 15 seconds): two delivery backends on one
 * PostgreSQL database (the test's own cluster) behind a loopback round-robin proxy take
 * sustained /events and GitHub webhook traffic while /dora and /timeline are read.
 * Every accepted event is stored exactly once and GET /dora equals computeDora over
 * what was sent. The long form with two backend processes: scripts/load-delivery.mjs.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  apiStoreReader,
  checkLoad,
  formatLoadReport,
  loadCatalog,
  runLoad,
} from './__testUtils__/load';
import {
  OwnPostgres,
  startOwnPostgres,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import { roundRobinProxy } from './__testUtils__/proxy';
import {
  describeWithPostgres,
  Replica,
  startGithubReplica,
} from './__testUtils__/replicas';

const SECRET = 'load-secret';

describeWithPostgres('load on two replicas (bounded)', () => {
  let pg: OwnPostgres;
  const replicas: Replica[] = [];
  const replicaUrls: string[] = [];
  let proxy: Server;
  let proxyUrl: string;

  beforeAll(async () => {
    pg = startOwnPostgres();
    for (let i = 0; i < 2; i++) {
      const replica = await startGithubReplica({
        pg,
        entities: loadCatalog(),
        secret: SECRET,
      });
      replicas.push(replica);
      replicaUrls.push(replica.url);
    }
    proxy = await roundRobinProxy(() => replicaUrls);
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  }, 120_000);

  afterAll(async () => {
    proxy?.close();
    for (const replica of replicas) await replica.stop();
    pg?.destroy();
  }, 60_000);

  it('stores every accepted event exactly once and answers /dora as computeDora over what was sent', async () => {
    const headers = { Authorization: mockCredentials.user.header() };
    const report = await runLoad({
      baseUrl: proxyUrl,
      replicaUrls,
      durationMs: 12_000,
      maxEvents: 20_000,
      batchSize: 100,
      eventWriters: 2,
      webhookWriters: 2,
      readers: 1,
      webhookSecret: SECRET,
      headers,
    });
    const check = await checkLoad(report, {
      baseUrl: proxyUrl,
      headers,
      store: apiStoreReader(proxyUrl, headers),
    });
    // eslint-disable-next-line no-console
    console.log(formatLoadReport(report, check));

    expect(report.accepted).toBeGreaterThan(1000);
    expect(report.requests['GET /dora']).toBeGreaterThan(0);
    expect(report.requests['GET /timeline']).toBeGreaterThan(0);
    expect(report.givenUp).toBe(0);
    expect(check.lost).toEqual([]);
    expect(check.unexpected).toEqual([]);
    expect(check.duplicated).toBe(0);
    // Both shown on a mismatch.
    expect({ matches: check.doraMatches, ...check.dora }).toMatchObject({
      matches: true,
    });
  }, 120_000);
});
