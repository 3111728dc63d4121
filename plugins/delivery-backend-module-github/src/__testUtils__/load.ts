/*
 * Sustained delivery traffic against replicas behind one address, and the checks that
 * follow it: used by the bounded load test (load.test.ts, two test backends) and by
 * the long form (scripts/load-delivery.mjs, two backend processes).
 *
 * Writers POST /events batches (deployments with commits, incidents naming some of
 * them) and signed GitHub deployment_status deliveries; some of each go to every
 * replica at once. Readers poll /dora and /timeline meanwhile. Afterwards: every
 * accepted event is stored exactly once (read from the database), nothing else is
 * stored, and GET /dora for the whole load team equals computeDora over what was sent.
 */
import {
  DeliveryEvent,
  DoraDeployment,
  DoraIncident,
} from '@internal/backstage-plugin-delivery-common';
import { computeDora } from '@internal/backstage-plugin-delivery-common/testUtils';
import { createHmac, randomUUID } from 'node:crypto';
import { mapDeploymentStatus } from '../mapping/deploymentStatus';
import { examplesOf } from './examples';

export const LOAD_WINDOW = {
  from: '2026-01-01T00:00:00.000Z',
  to: '2026-03-01T00:00:00.000Z',
};
export const LOAD_COMPONENTS = 10;
/** The component GitHub deliveries are for (annotated codertocat/hello-world). */
export const WEBHOOK_COMPONENT = 'component:default/hello-world';
export const LOAD_TEAM = 'group:default/team-load';

/** The catalog the replicas serve: a team owning the load components. */
export function loadCatalog() {
  const component = (
    name: string,
    annotations: Record<string, string> = {},
  ) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-load', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: LOAD_TEAM }],
  });
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-load', namespace: 'default' },
      spec: { type: 'team', children: [] },
    },
    ...Array.from({ length: LOAD_COMPONENTS }, (_, i) =>
      component(`load-svc-${i}`),
    ),
    component('hello-world', {
      'github.com/project-slug': 'codertocat/hello-world',
    }),
  ];
}

export interface LoadOptions {
  /** The balanced address (the round-robin proxy). */
  baseUrl: string;
  /** Each replica's own address, for the requests sent to all of them at once. */
  replicaUrls: string[];
  durationMs: number;
  /** Stop after this many events were accepted (deployments, incidents, deliveries). */
  maxEvents: number;
  batchSize: number;
  eventWriters: number;
  webhookWriters: number;
  readers: number;
  webhookSecret: string;
  headers?: Record<string, string>;
  /** Called once, halfway, e.g. to kill a replica. */
  midway?: () => Promise<void>;
}

export interface LoadReport {
  seconds: number;
  accepted: number;
  eventsPerSecond: number;
  requests: Record<string, number>;
  latencyMs: Record<
    string,
    { p50: number; p95: number; p99: number; max: number }
  >;
  /** Answers other than success, by route and status (retried until accepted or given up). */
  errors: Record<string, number>;
  /** Batches or deliveries given up after retries: not accepted, so not counted. */
  givenUp: number;
  sentDeployments: DoraDeployment[];
  sentIncidents: DoraIncident[];
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const WINDOW_MS = Date.parse(LOAD_WINDOW.to) - Date.parse(LOAD_WINDOW.from);

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** A deterministic pseudo-random sequence, so a run can be repeated. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const latencies: Record<string, number[]> = {};
  const requests: Record<string, number> = {};
  const errors: Record<string, number> = {};
  const deployments = new Map<string, DoraDeployment>();
  const incidents = new Map<string, DoraIncident>();
  let accepted = 0;
  let givenUp = 0;
  const started = Date.now();
  const done = () =>
    Date.now() - started > options.durationMs || accepted >= options.maxEvents;

  /** One request, timed; retried (with Retry-After) on 429, 502, 503. */
  async function send(
    route: string,
    url: string,
    init: RequestInit,
  ): Promise<Response | undefined> {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const t0 = performance.now();
      let response: Response;
      try {
        response = await fetch(url, init);
        await response.clone().arrayBuffer();
      } catch (error) {
        errors[`${route} network`] = (errors[`${route} network`] ?? 0) + 1;
        await sleep(200 * attempt);
        continue;
      }
      (latencies[route] ??= []).push(performance.now() - t0);
      requests[route] = (requests[route] ?? 0) + 1;
      if (response.ok) return response;
      errors[`${route} ${response.status}`] =
        (errors[`${route} ${response.status}`] ?? 0) + 1;
      if (![429, 502, 503].includes(response.status)) return undefined;
      const retryAfter = Number(response.headers.get('retry-after') ?? 0);
      await sleep(Math.min(retryAfter * 1000 || 200 * attempt, 5000));
    }
    return undefined;
  }

  /**
   * Sends request `seq` to the backend; every 10th goes to every replica at the same
   * moment as well. True when one of them took it.
   */
  async function sendEach(
    seq: number,
    route: string,
    path: string,
    init: RequestInit,
  ): Promise<boolean> {
    const targets =
      seq % 10 === 0
        ? [options.baseUrl, ...options.replicaUrls]
        : [options.baseUrl];
    const answers = await Promise.all(
      targets.map(base => send(route, `${base}${path}`, init)),
    );
    return answers.some(a => a !== undefined);
  }

  const json = { ...options.headers, 'Content-Type': 'application/json' };

  async function eventWriter(writer: number) {
    const rand = random(writer + 1);
    for (let seq = 0; !done(); seq++) {
      const events: DeliveryEvent[] = [];
      for (let i = 0; i < options.batchSize; i++) {
        const id = `w${writer}-${seq}-${i}`;
        const entityRef = `component:default/load-svc-${Math.floor(
          rand() * LOAD_COMPONENTS,
        )}`;
        const finished =
          Date.parse(LOAD_WINDOW.from) + Math.floor(rand() * WINDOW_MS);
        const failed = rand() < 0.1;
        events.push({
          kind: 'deployment',
          source: 'load',
          id,
          entityRef,
          environment: rand() < 0.8 ? 'production' : 'staging',
          status: failed ? 'failure' : 'success',
          startedAt: new Date(finished - 300_000).toISOString(),
          finishedAt: new Date(finished).toISOString(),
          commits: [
            {
              sha: `${id}-a`,
              committedAt: new Date(
                finished - 3_600_000 * (1 + Math.floor(rand() * 48)),
              ).toISOString(),
            },
            {
              sha: `${id}-b`,
              committedAt: new Date(finished - 7_200_000).toISOString(),
            },
          ],
        });
        // Every 20th deployment causes an incident, resolved 1 to 5 hours later.
        if (rand() < 0.05) {
          events.push({
            kind: 'incident',
            source: 'load',
            id: `inc-${id}`,
            entityRef,
            title: `Incident after ${id}`,
            openedAt: new Date(finished + 600_000).toISOString(),
            resolvedAt: new Date(
              finished + 600_000 + 3_600_000 * (1 + Math.floor(rand() * 5)),
            ).toISOString(),
            deploymentId: id,
          });
        }
      }
      const body = JSON.stringify({ events });
      const init = { method: 'POST', headers: json, body };
      if (
        !(await sendEach(seq, 'POST /events', '/api/delivery/events', init))
      ) {
        givenUp++;
        continue;
      }
      for (const event of events) {
        if (event.kind === 'deployment') {
          deployments.set(`${event.source}/${event.id}`, {
            ...event,
            finishedAt: event.finishedAt ?? null,
          });
        } else if (event.kind === 'incident') {
          incidents.set(`${event.source}/${event.id}`, event);
        }
      }
      accepted += events.length;
    }
  }

  async function webhookWriter(writer: number) {
    const rand = random(1000 + writer);
    const example = examplesOf('deployment_status')[0];
    for (let seq = 0; !done(); seq++) {
      const payload = structuredClone(example);
      payload.deployment.id = 10_000_000 + writer * 1_000_000 + seq;
      const created =
        Date.parse(LOAD_WINDOW.from) +
        Math.floor(rand() * (WINDOW_MS - 3_600_000));
      payload.deployment.created_at = new Date(created).toISOString();
      payload.deployment.updated_at = new Date(created + 120_000).toISOString();
      payload.deployment.environment = 'production';
      payload.deployment_status.state = 'success';
      payload.deployment_status.created_at = new Date(
        created + 120_000,
      ).toISOString();
      payload.deployment_status.updated_at = new Date(
        created + 120_000,
      ).toISOString();
      const body = JSON.stringify(payload);
      const headers = {
        'Content-Type': 'application/json',
        'X-GitHub-Event': 'deployment_status',
        'X-GitHub-Delivery': randomUUID(),
        'X-Hub-Signature-256': `sha256=${createHmac(
          'sha256',
          options.webhookSecret,
        )
          .update(body)
          .digest('hex')}`,
      };
      const init = { method: 'POST', headers, body };
      if (
        !(await sendEach(seq, 'POST webhook', '/api/events/http/github', init))
      ) {
        givenUp++;
        continue;
      }
      const mapped = mapDeploymentStatus(payload);
      if ('skipped' in mapped) throw new Error(mapped.skipped);
      const d = mapped.deployment;
      deployments.set(`${d.source}/${d.id}`, {
        ...d,
        entityRef: WEBHOOK_COMPONENT,
        finishedAt: d.finishedAt ?? null,
        commits: [],
      });
      accepted += 1;
    }
  }

  async function reader() {
    const window = `from=${LOAD_WINDOW.from}&to=${LOAD_WINDOW.to}`;
    for (let i = 0; !done(); i++) {
      if (i % 2 === 0) {
        await send(
          'GET /dora',
          `${options.baseUrl}/api/delivery/dora?entityRef=${LOAD_TEAM}&${window}`,
          { headers: options.headers },
        );
      } else {
        await send(
          'GET /timeline',
          `${
            options.baseUrl
          }/api/delivery/timeline?entityRef=component:default/load-svc-${
            i % LOAD_COMPONENTS
          }&${window}`,
          { headers: options.headers },
        );
      }
    }
  }

  let midwayDone = false;
  const midway = async () => {
    while (!done()) {
      if (!midwayDone && Date.now() - started > options.durationMs / 2) {
        midwayDone = true;
        await options.midway?.();
      }
      await sleep(100);
    }
  };

  await Promise.all([
    ...Array.from({ length: options.eventWriters }, (_, w) => eventWriter(w)),
    ...Array.from({ length: options.webhookWriters }, (_, w) =>
      webhookWriter(w),
    ),
    ...Array.from({ length: options.readers }, () => reader()),
    midway(),
  ]);
  const seconds = (Date.now() - started) / 1000;
  const latencyMs = Object.fromEntries(
    Object.entries(latencies).map(([route, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const round = (n: number) => Math.round(n * 10) / 10;
      return [
        route,
        {
          p50: round(percentile(sorted, 0.5)),
          p95: round(percentile(sorted, 0.95)),
          p99: round(percentile(sorted, 0.99)),
          max: round(sorted[sorted.length - 1] ?? 0),
        },
      ];
    }),
  );
  return {
    seconds,
    accepted,
    eventsPerSecond: Math.round(accepted / seconds),
    requests,
    latencyMs,
    errors,
    givenUp,
    sentDeployments: [...deployments.values()],
    sentIncidents: [...incidents.values()],
  };
}

/** Stored identities as `source/id`, read straight from the delivery database. */
export interface StoreReader {
  deploymentIdentities(): Promise<string[]>;
  incidentIdentities(): Promise<string[]>;
}

export interface LoadCheck {
  lost: string[];
  unexpected: string[];
  duplicated: number;
  doraMatches: boolean;
  dora: { api: unknown; expected: unknown };
}

/**
 * Waits for webhook processing to settle, then compares the store and /dora with
 * what was sent.
 */
export async function checkLoad(
  report: LoadReport,
  options: {
    baseUrl: string;
    headers?: Record<string, string>;
    store: StoreReader;
  },
): Promise<LoadCheck> {
  const expectedDeployments = new Set(
    report.sentDeployments.map(d => `${d.source}/${d.id}`),
  );
  const expectedIncidents = new Set(
    report.sentIncidents.map(i => `${i.source}/${i.id}`),
  );
  let stored: string[] = [];
  let storedIncidents: string[] = [];
  // Webhook deliveries are answered 202 before they are stored: wait for them.
  for (let attempt = 0; attempt < 100; attempt++) {
    stored = await options.store.deploymentIdentities();
    storedIncidents = await options.store.incidentIdentities();
    const have = new Set(stored);
    if ([...expectedDeployments].every(id => have.has(id))) break;
    await sleep(200);
  }
  const storedSet = new Set([
    ...stored,
    ...storedIncidents.map(i => `incident:${i}`),
  ]);
  const expected = [
    ...expectedDeployments,
    ...[...expectedIncidents].map(i => `incident:${i}`),
  ];
  const lost = expected.filter(id => !storedSet.has(id));
  const expectedSet = new Set(expected);
  const unexpected = [...storedSet].filter(id => !expectedSet.has(id));
  const duplicated = stored.length + storedIncidents.length - storedSet.size;

  const response = await fetch(
    `${options.baseUrl}/api/delivery/dora?entityRef=${LOAD_TEAM}&from=${LOAD_WINDOW.from}&to=${LOAD_WINDOW.to}`,
    { headers: options.headers },
  );
  const api = await response.json();
  const expectedFigures = computeDora({
    deployments: report.sentDeployments,
    incidents: report.sentIncidents,
    ...LOAD_WINDOW,
    options: { productionEnvironments: ['production', 'prod', 'prd', 'live'] },
  });
  const keys = Object.keys(expectedFigures) as (keyof typeof expectedFigures)[];
  const doraMatches = keys.every(key =>
    figuresEqual(api[key], expectedFigures[key]),
  );
  return {
    lost,
    unexpected,
    duplicated,
    doraMatches,
    dora: {
      api: Object.fromEntries(keys.map(k => [k, api[k]])),
      expected: expectedFigures,
    },
  };
}

/** Deep equality, numbers to 1e-9 relative (the SQL path sums in another order). */
function figuresEqual(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every(k => figuresEqual((a as any)[k], (b as any)[k]));
  }
  return a === b;
}

/**
 * Reads every stored identity back through GET /deployments and /incidents of the
 * load team, page by page. (source, id) is unique in the store, so a count above the
 * distinct identities would be a duplicate the API shows.
 */
export function apiStoreReader(
  baseUrl: string,
  headers?: Record<string, string>,
): StoreReader {
  const all = async (kind: 'deployments' | 'incidents') => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const response = await fetch(
        `${baseUrl}/api/delivery/${kind}?entityRef=${LOAD_TEAM}&limit=500${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
        { headers },
      );
      if (!response.ok) {
        throw new Error(
          `GET /${kind}: ${response.status} ${await response.text()}`,
        );
      }
      const page = await response.json();
      ids.push(
        ...page.items.map(
          (i: { source: string; id: string }) => `${i.source}/${i.id}`,
        ),
      );
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  };
  return {
    deploymentIdentities: () => all('deployments'),
    incidentIdentities: () => all('incidents'),
  };
}

/** The figures a person reads from a run. */
export function formatLoadReport(report: LoadReport, check: LoadCheck): string {
  const lines = [
    `duration ${report.seconds.toFixed(1)} s; accepted ${
      report.accepted
    } events (${report.eventsPerSecond} events/s)`,
    `requests: ${Object.entries(report.requests)
      .map(([r, n]) => `${r} ${n}`)
      .join(', ')}`,
    ...Object.entries(report.latencyMs).map(
      ([route, l]) =>
        `  ${route.padEnd(14)} p50 ${l.p50} ms  p95 ${l.p95} ms  p99 ${
          l.p99
        } ms  max ${l.max} ms`,
    ),
    `errors (retried): ${JSON.stringify(report.errors)}; given up: ${
      report.givenUp
    }`,
    `stored: lost ${check.lost.length}, unexpected ${check.unexpected.length}, duplicated ${check.duplicated}`,
    `DORA (team, ${LOAD_WINDOW.from} .. ${
      LOAD_WINDOW.to
    }) equals computeDora over what was sent: ${
      check.doraMatches ? 'yes' : 'NO'
    }`,
  ];
  return lines.join('\n');
}
