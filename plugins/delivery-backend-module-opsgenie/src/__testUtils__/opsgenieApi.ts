import { http, HttpResponse } from 'msw';
import { alertResponse, alertsPage, FullAlert } from './opsgenieExamples';

export const API_KEY = 'eb243592-faa2-4ba2-a551q-1afdf565c889';

/** What the fake Opsgenie Alert API serves. */
export interface FakeOpsgenie {
  alerts: FullAlert[];
  /** The ids of the alerts each search query matches. */
  matches: Record<string, string[]>;
  /** The most alerts a page holds, to make paging happen with few. */
  maxLimit?: number;
  /** Answers requests whose query (or alert id) is a key with that status. */
  failing?: Record<string, number>;
}

export interface ReceivedRequest {
  path: string;
  params: URLSearchParams;
}

// A list leaves out what only "Get Alert" gives.
const listed = ({
  actions,
  entity,
  description,
  details,
  ...alert
}: FullAlert) => alert;

/**
 * msw handlers for the Opsgenie Alert API on its real URLs: `GenieKey` auth, list
 * queries answered from `matches`, sorted as asked, paged by offset with
 * `paging.next` while more remain.
 */
export function opsgenieHandlers(
  fake: FakeOpsgenie,
  received: ReceivedRequest[] = [],
  baseUrl = 'https://api.opsgenie.com',
) {
  const refuse = (request: Request, key: string) => {
    const url = new URL(request.url);
    received.push({ path: url.pathname, params: url.searchParams });
    if (request.headers.get('authorization') !== `GenieKey ${API_KEY}`) {
      return HttpResponse.json(
        {
          message: 'Could not authenticate',
          took: 0.001,
          requestId: '1dc4fe8f-0ef5-4e36-9d1e-5d85bc2a8a56',
        },
        { status: 401 },
      );
    }
    const status = fake.failing?.[key];
    return status
      ? HttpResponse.json(
          { message: 'Internal Server Error', took: 0.001, requestId: 'x' },
          { status },
        )
      : undefined;
  };

  return [
    http.get(`${baseUrl}/v2/alerts`, ({ request }) => {
      const params = new URL(request.url).searchParams;
      const query = params.get('query') ?? '';
      const refused = refuse(request, query);
      if (refused) return refused;
      const ids = fake.matches[query] ?? [];
      const sortBy = (params.get('sort') ?? 'createdAt') as 'updatedAt';
      const sign = params.get('order') === 'asc' ? 1 : -1;
      const all = fake.alerts
        .filter(alert => ids.includes(alert.id))
        .sort((a, b) => sign * (Date.parse(a[sortBy]) - Date.parse(b[sortBy])));
      const offset = Number(params.get('offset') ?? 0);
      const limit = Math.min(
        Number(params.get('limit') ?? 20),
        fake.maxLimit ?? 100,
      );
      const page = (at: number) => {
        const url = new URL(`${baseUrl}/v2/alerts`);
        url.search = params.toString();
        url.searchParams.set('offset', String(at));
        return url.toString();
      };
      return HttpResponse.json(
        alertsPage(all.slice(offset, offset + limit).map(listed), {
          ...(offset + limit < all.length
            ? { next: page(offset + limit) }
            : {}),
          first: page(0),
          last: page(Math.max(0, all.length - limit)),
        }),
      );
    }),
    http.get(`${baseUrl}/v2/alerts/:id`, ({ request, params }) => {
      const refused = refuse(request, params.id as string);
      if (refused) return refused;
      const alert = fake.alerts.find(a => a.id === params.id);
      return alert
        ? HttpResponse.json(alertResponse(alert))
        : HttpResponse.json(
            { message: 'Alert does not exist', took: 0.001, requestId: 'x' },
            { status: 404 },
          );
    }),
  ];
}
