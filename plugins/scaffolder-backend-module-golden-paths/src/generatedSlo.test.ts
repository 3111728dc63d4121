/**
 * The SLOs a golden path generates measure the service it generates. Each template is
 * rendered, its service started as its README says, with endpoints a developer would
 * add (one that answers, one that is slow, one that fails), a real Prometheus scrapes
 * it as the generated manifests ask (the app's /metrics, the static site's mtail
 * sidecar), the test sends known requests, and the portal's SLO backend evaluates the
 * generated OpenSLO file through its Prometheus metric source: its counts are the
 * requests sent.
 *
 * Prometheus counts the increase it observes: a series' first sample is its baseline.
 * So one good and one failing request are sent before the first scrape (the series then
 * exist) and are not part of the counts. The Prometheus source reads counters on a grid
 * of whole minutes (its README): a count is the increase between the last samples
 * before two grid points. So the known GOOD, FAILING and SLOW requests are sent just
 * after a minute starts, with samples before it, and the portal is asked once the next
 * minute has started and been scraped: the counts are then exactly the requests sent.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The generated SLOs are evaluated by the real SLO plugin and its Prometheus module.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import sloPlugin from '@internal/backstage-plugin-slo-backend';
import { sloModulePrometheus } from '@internal/backstage-plugin-slo-backend-module-prometheus';
import type { ObjectivesResponse } from '@internal/backstage-plugin-slo-common';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, get as httpGet, Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  formValues,
  renderedFiles,
  startTemplateDryRunner,
  writeProject,
} from './__testUtils__/dryRun';
import {
  Language,
  runChecks,
  StartedService,
  startService,
} from './__testUtils__/generatedService';
import { freePort } from './__testUtils__/processes';
import {
  prometheusExpected,
  ScrapingPrometheus,
  startScrapingPrometheus,
} from './__testUtils__/scrapingPrometheus';

const GOOD = 12;
const FAILING = 4;
const SLOW = 3;
/** Slower than every tier's latency threshold (at most 1 s). */
const SLOW_MS = 1300;

// Each template with a tier whose latency threshold is a different bucket.
const services: Array<{
  file: string;
  language: Language;
  name: string;
  tier: string;
}> = [
  {
    file: 'typescript-service.yaml',
    language: 'typescript',
    name: 'pay-ts',
    tier: 'experimental', // le="1"
  },
  {
    file: 'python-service.yaml',
    language: 'python',
    name: 'pay-py',
    tier: 'critical', // le="0.3"
  },
  {
    file: 'static-website.yaml',
    language: 'static',
    name: 'pay-site',
    tier: 'standard', // le="0.5"
  },
];

/** Endpoints a developer adds, written where the generated project keeps them. */
function addEndpoints(
  language: Language,
  slowUpstream: string,
): Record<string, string> {
  if (language === 'typescript') {
    return {
      'src/routes.ts': `import type { IncomingMessage, ServerResponse } from 'node:http';
export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
export const routes: Record<string, Route> = {
  '/': (_req, res) => { res.end('ok'); },
  '/slow': async (_req, res) => {
    await new Promise(resolve => setTimeout(resolve, ${SLOW_MS}));
    res.end('slow');
  },
  '/fail': () => { throw new Error('failing on purpose'); },
};
`,
    };
  }
  if (language === 'python') {
    return {
      'app/routes.py': `import time
from fastapi import APIRouter
router = APIRouter()
@router.get("/")
def index() -> dict:
    return {"ok": True}
@router.get("/slow")
def slow() -> dict:
    time.sleep(${SLOW_MS / 1000})
    return {"ok": True}
@router.get("/fail")
def fail() -> dict:
    raise RuntimeError("failing on purpose")
`,
    };
  }
  return {
    'conf.d/endpoints.conf': `location = /fail {
  return 503;
}
location = /slow {
  proxy_pass ${slowUpstream};
}
`,
  };
}

/**
 * One GET on a connection of its own: a kept-alive socket the service has just closed
 * would fail the request without it ever being counted.
 */
function statusOf(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpGet(url, { agent: false }, response => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    }).on('error', reject);
  });
}

async function send(baseUrl: string, pathname: string, times: number) {
  return Promise.all(
    Array.from({ length: times }, () => statusOf(`${baseUrl}${pathname}`)),
  );
}

const describeIfPrometheus = prometheusExpected() ? describe : describe.skip;

describeIfPrometheus('generated SLOs measure the generated services', () => {
  const dirs: string[] = [];
  const started: StartedService[] = [];
  let prometheus: ScrapingPrometheus | undefined;
  let slowUpstream: Server | undefined;
  let sloBackend: Awaited<ReturnType<typeof startTestBackend>> | undefined;
  const sloFiles = new Map<string, string>();

  afterAll(async () => {
    await Promise.all(started.map(s => s.stop()));
    await prometheus?.stop();
    await sloBackend?.stop();
    slowUpstream?.close();
    await Promise.all(
      dirs.map(dir => rm(dir, { recursive: true, force: true })),
    );
  }, 60_000);

  it('counts the good, failing and slow requests sent to each service', async () => {
    // The static site's slow endpoint is a proxy to an upstream that takes SLOW_MS.
    const upstreamPort = await freePort();
    slowUpstream = createServer((_req, res) => {
      setTimeout(() => res.end('slow'), SLOW_MS);
    }).listen(upstreamPort, '127.0.0.1');

    const runner = await startTemplateDryRunner();
    try {
      for (const service of services) {
        const response = await runner.dryRun(
          service.file,
          formValues({
            name: service.name,
            tier: service.tier,
            ci: 'github',
            deployStrategy: 'canary',
            publishTo: 'github',
          }),
        );
        expect(response.status).toBe(200);
        const out = renderedFiles(response.body);
        sloFiles.set(service.name, out[`slo/${service.name}.yaml`]);
        const dir = await mkdtemp(path.join(tmpdir(), 'golden-path-slo-'));
        dirs.push(dir);
        await chmod(dir, 0o755);
        await writeProject(
          {
            ...out,
            ...addEndpoints(
              service.language,
              `http://127.0.0.1:${upstreamPort}`,
            ),
          },
          dir,
        );
        await runChecks(service.language, dir);
        started.push(await startService(service.language, dir));
      }
    } finally {
      await runner.stop();
    }

    // Series exist before the first scrape: these two requests are the baseline.
    for (const service of started) {
      await send(service.baseUrl, '/', 1);
      await send(service.baseUrl, '/fail', 1);
    }
    // mtail follows the access log every 250 ms.
    await new Promise(resolve => setTimeout(resolve, 1000));
    prometheus = await startScrapingPrometheus(
      Object.fromEntries(
        services.map((s, i) => [s.name, started[i].metricsUrl]),
      ),
    );
    await prometheus.scraped(4);
    // The traffic goes into the grid interval that starts at the next whole minute.
    const MINUTE = 60_000;
    const gridStart = Math.ceil(Date.now() / MINUTE) * MINUTE;
    await new Promise(resolve =>
      setTimeout(resolve, gridStart + 500 - Date.now()),
    );
    for (const [i, service] of started.entries()) {
      expect(await send(service.baseUrl, '/', GOOD)).toEqual(
        Array(GOOD).fill(200),
      );
      expect(await send(service.baseUrl, '/fail', FAILING)).toEqual(
        Array(FAILING).fill(services[i].language === 'static' ? 503 : 500),
      );
      expect(await send(service.baseUrl, '/slow', SLOW)).toEqual(
        Array(SLOW).fill(200),
      );
    }
    // The next grid point, and a scrape after it, close the interval.
    expect(Date.now()).toBeLessThan(gridStart + MINUTE - 5000);
    await new Promise(resolve =>
      setTimeout(resolve, gridStart + MINUTE + 1000 - Date.now()),
    );

    const entities: Entity[] = services.map(service => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: service.name,
        namespace: 'default',
        annotations: {
          'slo.acme-portal.io/openslo': sloFiles.get(service.name)!,
          'slo.acme-portal.io/source': 'prometheus:test',
        },
      },
      spec: {
        type: 'service',
        owner: 'team-checkout',
        lifecycle: 'production',
      },
      relations: [
        { type: 'ownedBy', targetRef: 'group:default/team-checkout' },
      ],
    }));
    sloBackend = await startTestBackend({
      features: [
        sloPlugin,
        sloModulePrometheus,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            slo: {
              prometheus: {
                instances: [{ name: 'test', baseUrl: prometheus.baseUrl }],
              },
            },
          },
        }),
      ],
    });

    const at = new Date().toISOString();
    for (const service of services) {
      const response = await request(sloBackend.server)
        .get(
          `/api/slo/objectives?entityRef=component:default/${
            service.name
          }&at=${encodeURIComponent(at)}`,
        )
        .set({ Authorization: mockCredentials.user.header() });
      expect(response.status).toBe(200);
      const body = response.body as ObjectivesResponse;
      expect(body.definitionErrors).toEqual([]);
      const counts = Object.fromEntries(
        body.objectives.map(o => [
          o.id.replace(`${service.name}-`, ''),
          o.counts,
        ]),
      );
      const quality = Object.fromEntries(
        body.objectives.map(o => [
          o.id.replace(`${service.name}-`, ''),
          o.dataQuality,
        ]),
      );
      // Availability: every request counts, the failing ones are bad:
      // total 12 + 4 + 3 = 19, bad 4, good 15.
      // Latency: the slow ones are over the threshold: bad 3, good 12 + 4 = 16.
      const expected = {
        availability: { good: GOOD + SLOW, bad: FAILING },
        latency: { good: GOOD + FAILING, bad: SLOW },
      };
      for (const [objective, want] of Object.entries(expected)) {
        const got = counts[objective];
        if (!got) {
          throw new Error(
            `${
              service.name
            } ${objective}: no counts; data quality ${JSON.stringify(
              quality[objective],
            )}`,
          );
        }
        expect({ service: service.name, objective, ...got }).toEqual({
          service: service.name,
          objective,
          good: want.good,
          bad: want.bad,
          total: want.good + want.bad,
        });
      }
    }
  }, 600_000);
});
