import { http, HttpResponse } from 'msw';
import { incidentsPage, RestIncident } from './pagerdutyExamples';

export const API_BASE_URL = 'https://api.pagerduty.com';
export const API_TOKEN = 'u+test-token';

/** What the fake PagerDuty REST API serves. */
export interface FakePagerDuty {
  incidents: RestIncident[];
  notes?: Record<string, unknown[]>;
  alerts?: Record<string, unknown[]>;
  services?: unknown[];
  /** The most incidents a page holds, as PagerDuty caps `limit` (at 100). */
  maxLimit?: number;
  /** Answers these paths with this status instead. */
  failing?: Record<string, number>;
}

/** Every request the fake received, for assertions. */
export interface ReceivedRequest {
  path: string;
  params: URLSearchParams;
}

const unauthorized = () =>
  HttpResponse.json(
    { error: { message: 'Unauthorized', code: 2006 } },
    { status: 401 },
  );

const notFound = () =>
  HttpResponse.json(
    { error: { message: 'Not Found', code: 2100 } },
    { status: 404 },
  );

/**
 * msw handlers for the PagerDuty REST API v2 on its real URLs: the key and the
 * versioned media type are required, `GET /incidents` filters by `service_ids[]`
 * and creation time in `[since, until)` and pages by offset with `more`.
 */
export function pagerDutyHandlers(
  fake: FakePagerDuty,
  received: ReceivedRequest[] = [],
  baseUrl = API_BASE_URL,
) {
  const guard = (request: Request) => {
    const url = new URL(request.url);
    received.push({ path: url.pathname, params: url.searchParams });
    if (
      request.headers.get('authorization') !== `Token token=${API_TOKEN}` ||
      request.headers.get('accept') !==
        'application/vnd.pagerduty+json;version=2'
    ) {
      return unauthorized();
    }
    const status = fake.failing?.[url.pathname];
    if (status) {
      return HttpResponse.json(
        { error: { message: 'Internal Server Error' } },
        { status },
      );
    }
    return undefined;
  };

  return [
    http.get(`${baseUrl}/incidents`, ({ request }) => {
      const refused = guard(request);
      if (refused) return refused;
      const params = new URL(request.url).searchParams;
      const services = params.getAll('service_ids[]');
      const since = Date.parse(params.get('since')!);
      const until = Date.parse(params.get('until')!);
      const matching = fake.incidents.filter(incident => {
        const created = Date.parse(incident.created_at);
        return (
          services.includes(incident.service.id) &&
          created >= since &&
          created < until
        );
      });
      const offset = Number(params.get('offset') ?? 0);
      const limit = Math.min(
        Number(params.get('limit') ?? 25),
        fake.maxLimit ?? 100,
      );
      return HttpResponse.json(
        incidentsPage(matching.slice(offset, offset + limit), {
          offset,
          limit,
          more: offset + limit < matching.length,
        }),
      );
    }),
    http.get(`${baseUrl}/incidents/:id`, ({ request, params }) => {
      const refused = guard(request);
      if (refused) return refused;
      const incident = fake.incidents.find(i => i.id === params.id);
      return incident ? HttpResponse.json({ incident }) : notFound();
    }),
    http.get(`${baseUrl}/incidents/:id/notes`, ({ request, params }) => {
      const refused = guard(request);
      if (refused) return refused;
      return HttpResponse.json({
        notes: fake.notes?.[params.id as string] ?? [],
      });
    }),
    http.get(`${baseUrl}/incidents/:id/alerts`, ({ request, params }) => {
      const refused = guard(request);
      if (refused) return refused;
      const alerts = fake.alerts?.[params.id as string] ?? [];
      return HttpResponse.json({
        alerts,
        limit: 100,
        offset: 0,
        more: false,
        total: null,
      });
    }),
    http.get(`${baseUrl}/services`, ({ request }) => {
      const refused = guard(request);
      if (refused) return refused;
      // PagerDuty matches the query against names and integration keys.
      const query = new URL(request.url).searchParams.get('query') ?? '';
      return HttpResponse.json({
        services: (fake.services ?? []).filter(service =>
          JSON.stringify(service).includes(query),
        ),
        limit: 25,
        offset: 0,
        more: false,
        total: null,
      });
    }),
  ];
}
