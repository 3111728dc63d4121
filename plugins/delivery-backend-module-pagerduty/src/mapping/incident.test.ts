import {
  incidentEvent,
  noteEvent,
  pingEvent,
  restIncident,
} from '../__testUtils__/pagerdutyExamples';
import { mapRestIncident } from './incident';
import {
  incidentIdOf,
  mapWebhookIncident,
  parseWebhookEvent,
  WebhookEvent,
} from './webhook';

const parsed = (payload: unknown) => parseWebhookEvent(payload) as WebhookEvent;

describe('mapRestIncident', () => {
  it('maps the API reference incident: resolved at resolved_at, severity from the priority', () => {
    expect(mapRestIncident(restIncident())).toEqual({
      service: { id: 'PIJ90N7', name: 'My Mail Service' },
      incident: {
        kind: 'incident',
        source: 'pagerduty',
        id: 'PT4KHLK',
        title: 'The server is on fire.',
        severity: 'P2',
        openedAt: '2015-10-06T21:30:42Z',
        resolvedAt: '2015-10-06T21:38:23Z',
        url: 'https://subdomain.pagerduty.com/incidents/PT4KHLK',
      },
    });
  });

  it('leaves open incidents unresolved and falls back to the urgency', () => {
    const mapped = mapRestIncident(
      restIncident({ status: 'acknowledged', priority: null }),
    );
    expect(mapped).toMatchObject({
      incident: { severity: 'high', resolvedAt: undefined },
    });
  });

  it('takes last_status_change_at when the API gives no resolved_at', () => {
    const mapped = mapRestIncident(
      restIncident({
        resolved_at: null,
        last_status_change_at: '2015-10-06T22:00:00Z',
      }),
    );
    expect(mapped).toMatchObject({
      incident: { resolvedAt: '2015-10-06T22:00:00Z' },
    });
  });

  it('raises a resolution reported before the opening to the opening', () => {
    const mapped = mapRestIncident(
      restIncident({ resolved_at: '2015-10-06T21:00:00Z' }),
    );
    expect(mapped).toMatchObject({
      incident: { resolvedAt: '2015-10-06T21:30:42Z' },
    });
  });

  it('skips what is not an incident', () => {
    expect(mapRestIncident({ id: 'X' })).toMatchObject({
      skipped: expect.stringContaining('not an incident'),
    });
  });
});

describe('webhook events', () => {
  it('finds the incident of incident and incident_note data, and none elsewhere', () => {
    expect(incidentIdOf(parsed(incidentEvent()))).toBe('PGR0VU2');
    expect(
      incidentIdOf(
        parsed(
          noteEvent({
            eventId: 'e1',
            occurredAt: '2020-10-02T18:45:22.169Z',
            incidentId: 'PNOTE01',
            content: 'hi',
          }),
        ),
      ),
    ).toBe('PNOTE01');
    expect(incidentIdOf(parsed(pingEvent('2021-12-08T22:58:53.510Z')))).toBe(
      undefined,
    );
  });

  it('says why a payload is not a v3 event', () => {
    expect(parseWebhookEvent({ event: { id: 'x' } })).toEqual({
      invalid: expect.stringMatching(/^not a PagerDuty webhooks v3 event: /),
    });
  });

  it('maps the overview sample from its payload alone', () => {
    expect(mapWebhookIncident(parsed(incidentEvent()))).toEqual({
      service: { id: 'PF9KMXH', name: 'API Service' },
      incident: {
        kind: 'incident',
        source: 'pagerduty',
        id: 'PGR0VU2',
        title: 'A little bump in the road',
        severity: 'P1',
        openedAt: '2020-04-09T15:16:27Z',
        resolvedAt: undefined,
        url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
      },
    });
  });

  it('resolves at the occurrence of incident.resolved, and skips later events of a resolved incident', () => {
    const resolved = incidentEvent({
      type: 'incident.resolved',
      occurredAt: '2020-04-09T16:00:05.000Z',
      incident: { status: 'resolved' },
    });
    expect(mapWebhookIncident(parsed(resolved))).toMatchObject({
      incident: { resolvedAt: '2020-04-09T16:00:05.000Z' },
    });
    const afterwards = incidentEvent({ incident: { status: 'resolved' } });
    expect(mapWebhookIncident(parsed(afterwards))).toEqual({
      skipped:
        'incident.priority_updated on resolved incident PGR0VU2: only incident.resolved says when it was resolved',
    });
  });

  it('reopens: incident.reopened carries no resolution', () => {
    const reopened = incidentEvent({
      type: 'incident.reopened',
      incident: { status: 'triggered' },
    });
    expect(mapWebhookIncident(parsed(reopened))).toMatchObject({
      incident: { id: 'PGR0VU2', resolvedAt: undefined },
    });
  });
});
