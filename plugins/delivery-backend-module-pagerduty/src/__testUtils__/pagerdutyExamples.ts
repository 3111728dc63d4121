/*
 * PagerDuty's published examples, as the module's tests use them.
 *
 * Webhooks v3 payloads: "Webhooks v3 overview", https://developer.pagerduty.com/docs/webhooks/v3-overview
 * (source: https://github.com/PagerDuty/developer-docs/blob/main/docs/webhooks/01-Overview.md):
 * the `incident.priority_updated` sample and the `incident_note` data type. The
 * `pagey.ping` payload is the one the "Send Test Event" button sends, as quoted
 * in PagerDuty's "Verifying Signatures" guide and its integrations' docs.
 *
 * REST API responses: the API reference, https://developer.pagerduty.com/api-reference/
 * (source: https://github.com/PagerDuty/api-schema/blob/main/reference/REST/openapiv3.json):
 * the response examples of "List incidents" (`GET /incidents`, in its current
 * form with `updated_at` and `resolved_at`), "Get an incident", "List notes for
 * an incident", "List alerts for an incident" and "List services" (whose
 * `integrations` are full Integration objects with `include[]=integrations`).
 *
 * Tests copy these and change the fields a case is about.
 */

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** `incident.priority_updated`, from the Webhooks v3 overview. */
const INCIDENT_EVENT = {
  event: {
    id: '5ac64822-4adc-4fda-ade0-410becf0de4f',
    event_type: 'incident.priority_updated',
    resource_type: 'incident',
    occurred_at: '2020-10-02T18:45:22.169Z',
    agent: {
      html_url: 'https://acme.pagerduty.com/users/PLH1HKV',
      id: 'PLH1HKV',
      self: 'https://api.pagerduty.com/users/PLH1HKV',
      summary: 'Tenex Engineer',
      type: 'user_reference',
    },
    client: { name: 'PagerDuty' },
    data: {
      id: 'PGR0VU2',
      type: 'incident',
      self: 'https://api.pagerduty.com/incidents/PGR0VU2',
      html_url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
      number: 2,
      status: 'triggered',
      incident_key: 'd3640fbd41094207a1c11e58e46b1662',
      created_at: '2020-04-09T15:16:27Z',
      title: 'A little bump in the road',
      service: {
        html_url: 'https://acme.pagerduty.com/services/PF9KMXH',
        id: 'PF9KMXH',
        self: 'https://api.pagerduty.com/services/PF9KMXH',
        summary: 'API Service',
        type: 'service_reference',
      },
      assignees: [
        {
          html_url: 'https://acme.pagerduty.com/users/PTUXL6G',
          id: 'PTUXL6G',
          self: 'https://api.pagerduty.com/users/PTUXL6G',
          summary: 'User 123',
          type: 'user_reference',
        },
      ],
      escalation_policy: {
        html_url: 'https://acme.pagerduty.com/escalation_policies/PUS0KTE',
        id: 'PUS0KTE',
        self: 'https://api.pagerduty.com/escalation_policies/PUS0KTE',
        summary: 'Default',
        type: 'escalation_policy_reference',
      },
      teams: [
        {
          html_url: 'https://acme.pagerduty.com/teams/PFCVPS0',
          id: 'PFCVPS0',
          self: 'https://api.pagerduty.com/teams/PFCVPS0',
          summary: 'Engineering',
          type: 'team_reference',
        },
      ],
      priority: {
        html_url: 'https://acme.pagerduty.com/account/incident_priorities',
        id: 'PSO75BM',
        self: 'https://api.pagerduty.com/priorities/PSO75BM',
        summary: 'P1',
        type: 'priority_reference',
      },
      urgency: 'high',
      conference_bridge: {
        conference_number: '+1 1234123412,,987654321#',
        conference_url: 'https://example.com',
      },
      resolve_reason: null,
    },
  },
};

/** The `incident_note` data type of `incident.annotated`. */
const NOTE_DATA = {
  incident: {
    html_url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
    id: 'PGR0VU2',
    self: 'https://api.pagerduty.com/incidents/PGR0VU2',
    summary: 'A little bump in the road',
    type: 'incident_reference',
  },
  id: 'P2LA89X',
  content: 'I sure am glad we are using PagerDuty!',
  trimmed: false,
  type: 'incident_note',
};

const PING_EVENT = {
  event: {
    id: '01CH754SM17TWPE2V2H4VPBRO7',
    event_type: 'pagey.ping',
    resource_type: 'pagey',
    occurred_at: '2021-12-08T22:58:53.510Z',
    agent: null,
    client: null,
    data: { message: 'Hello from your friend Pagey!', type: 'ping' },
  },
};

export type IncidentWebhookPayload = typeof INCIDENT_EVENT;

/** The overview's incident event, as `type` with these incident fields. */
export function incidentEvent(
  options: {
    eventId?: string;
    type?: string;
    occurredAt?: string;
    incident?: Partial<IncidentWebhookPayload['event']['data']>;
  } = {},
): IncidentWebhookPayload {
  const payload = clone(INCIDENT_EVENT);
  payload.event.id = options.eventId ?? payload.event.id;
  payload.event.event_type = options.type ?? payload.event.event_type;
  payload.event.occurred_at = options.occurredAt ?? payload.event.occurred_at;
  Object.assign(payload.event.data, options.incident ?? {});
  return payload;
}

/** `incident.annotated` with the overview's note on incident `incidentId`. */
export function noteEvent(options: {
  eventId: string;
  occurredAt: string;
  incidentId: string;
  content: string;
}) {
  const data = clone(NOTE_DATA);
  data.incident.id = options.incidentId;
  data.content = options.content;
  return {
    event: {
      ...clone(INCIDENT_EVENT.event),
      id: options.eventId,
      event_type: 'incident.annotated',
      occurred_at: options.occurredAt,
      data,
    },
  };
}

export function pingEvent(occurredAt: string) {
  const payload = clone(PING_EVENT);
  payload.event.occurred_at = occurredAt;
  return payload;
}

/** The reference's escalation policy and team, which its incidents and services share. */
const escalationAndTeams = () => ({
  escalation_policy: {
    id: 'PT20YPA',
    type: 'escalation_policy_reference',
    summary: 'Another Escalation Policy',
    self: 'https://api.pagerduty.com/escalation_policies/PT20YPA',
    html_url: 'https://subdomain.pagerduty.com/escalation_policies/PT20YPA',
  },
  teams: [
    {
      id: 'PQ9K7I8',
      type: 'team_reference',
      summary: 'Engineering',
      self: 'https://api.pagerduty.com/teams/PQ9K7I8',
      html_url: 'https://subdomain.pagerduty.com/teams/PQ9K7I8',
    },
  ],
});

/** The reference's user, who changed the incident's status and wrote its note. */
const earlineGreenholt = () => ({
  id: 'PXPGF42',
  type: 'user_reference',
  summary: 'Earline Greenholt',
  self: 'https://api.pagerduty.com/users/PXPGF42',
  html_url: 'https://subdomain.pagerduty.com/users/PXPGF42',
});

/** An incident of "List incidents" (current API reference form). */
const REST_INCIDENT = {
  id: 'PT4KHLK',
  type: 'incident',
  summary: '[#1234] The server is on fire.',
  self: 'https://api.pagerduty.com/incidents/PT4KHLK',
  html_url: 'https://subdomain.pagerduty.com/incidents/PT4KHLK',
  incident_number: 1234,
  title: 'The server is on fire.',
  created_at: '2015-10-06T21:30:42Z',
  updated_at: '2015-10-06T21:40:23Z',
  status: 'resolved',
  incident_key: 'baf7cf21b1da41b4b0221008339ff357',
  service: {
    id: 'PIJ90N7',
    type: 'service_reference',
    summary: 'My Mail Service',
    self: 'https://api.pagerduty.com/services/PIJ90N7',
    html_url: 'https://subdomain.pagerduty.com/service-directory/PIJ90N7',
  },
  assignments: [] as unknown[],
  assigned_via: 'escalation_policy',
  last_status_change_at: '2015-10-06T21:38:23Z',
  resolved_at: '2015-10-06T21:38:23Z' as string | null,
  first_trigger_log_entry: {
    id: 'Q02JTSNZWHSEKV',
    type: 'trigger_log_entry_reference',
    summary: 'Triggered through the API',
    self: 'https://api.pagerduty.com/log_entries/Q02JTSNZWHSEKV?incident_id=PT4KHLK',
    html_url:
      'https://subdomain.pagerduty.com/incidents/PT4KHLK/log_entries/Q02JTSNZWHSEKV',
  },
  alert_counts: { all: 2, triggered: 0, resolved: 2 },
  is_mergeable: true,
  ...escalationAndTeams(),
  pending_actions: [] as unknown[],
  acknowledgements: [] as unknown[],
  alert_grouping: {
    grouping_type: 'advanced',
    started_at: '2015-10-06T21:30:42Z',
    ended_at: null,
    alert_grouping_active: true,
  },
  last_status_change_by: earlineGreenholt(),
  priority: {
    id: 'P53ZZH5',
    type: 'priority_reference',
    summary: 'P2',
    self: 'https://api.pagerduty.com/priorities/P53ZZH5',
  } as { id: string; summary: string } | null,
  resolve_reason: null,
  conference_bridge: {
    conference_number: '+1-415-555-1212,,,,1234#',
    conference_url: 'https://example.com/acb-123',
  },
  incidents_responders: [] as unknown[],
  responder_requests: [] as unknown[],
  urgency: 'high',
};

export type RestIncident = typeof REST_INCIDENT;

/** The reference's incident with these fields (`serviceId` moves it). */
export function restIncident(
  fields: Partial<RestIncident> & { serviceId?: string } = {},
): RestIncident {
  const { serviceId, ...rest } = fields;
  const incident = { ...clone(REST_INCIDENT), ...clone(rest) };
  if (serviceId) {
    incident.service.id = serviceId;
    incident.service.self = `https://api.pagerduty.com/services/${serviceId}`;
  }
  incident.self = `https://api.pagerduty.com/incidents/${incident.id}`;
  return incident;
}

/** A `GET /incidents` page: the reference's envelope. */
export function incidentsPage(
  incidents: unknown[],
  page: { offset: number; limit: number; more: boolean },
) {
  return { incidents, ...page, total: null };
}

/** A note of "List notes for an incident" with this content and time. */
export function note(content: string, createdAt: string) {
  return {
    id: 'PWL7QXS',
    user: earlineGreenholt(),
    content,
    created_at: createdAt,
  };
}

/** An alert of "List alerts for an incident" with these details and time. */
export function alert(details: unknown, createdAt: string, incidentId: string) {
  return {
    id: 'PT4KHLK',
    type: 'alert',
    summary: 'The server is on fire.',
    self: `https://api.pagerduty.com/incidents/${incidentId}/alerts/PXPGF42`,
    html_url: 'https://subdomain.pagerduty.com/alerts/PXPGF42',
    created_at: createdAt,
    status: 'resolved',
    alert_key: 'baf7cf21b1da41b4b0221008339ff357',
    service: {
      id: 'PIJ90N7',
      type: 'service_reference',
      summary: 'My Mail Service',
      self: 'https://api.pagerduty.com/services/PIJ90N7',
      html_url: 'https://subdomain.pagerduty.com/services/PIJ90N7',
    },
    body: { type: 'alert_body', contexts: [{ type: 'link' }], details },
    incident: { id: incidentId, type: 'incident_reference' },
    suppressed: false,
    severity: 'critical',
    integration: {
      id: 'PQ12345',
      type: 'generic_email_inbound_integration_reference',
      summary: 'Email Integration',
      self: 'https://api.pagerduty.com/services/PIJ90N7/integrations/PQ12345',
      html_url:
        'https://subdomain.pagerduty.com/services/PIJ90N7/integrations/PQ12345',
    },
  };
}

/**
 * A service of "List services" with `include[]=integrations`: its integration
 * as the Integration object of "Create a new integration" (Events API v2),
 * carrying `integration_key`.
 */
export function serviceWithIntegration(id: string, integrationKey: string) {
  return {
    id,
    summary: 'My Application Service',
    type: 'service',
    self: `https://api.pagerduty.com/services/${id}`,
    html_url: `https://subdomain.pagerduty.com/services/${id}`,
    name: 'My Application Service',
    auto_resolve_timeout: 14400,
    acknowledgement_timeout: 600,
    created_at: '2015-11-06T11:12:51-05:00',
    status: 'active',
    alert_creation: 'create_alerts_and_incidents',
    integrations: [
      {
        id: 'PE1U9CH',
        type: 'events_api_v2_inbound_integration',
        summary: 'Events V2',
        self: `https://api.pagerduty.com/services/${id}/integrations/PE1U9CH`,
        html_url: `https://subdomain.pagerduty.com/services/${id}/integrations/PE1U9CH`,
        name: 'Events V2',
        service: {
          id,
          type: 'service_reference',
          summary: 'My Application Service',
          self: `https://api.pagerduty.com/services/${id}`,
          html_url: `https://subdomain.pagerduty.com/services/${id}`,
        },
        created_at: '2015-10-14T13:33:02-07:00',
        integration_key: integrationKey,
      },
    ],
    ...escalationAndTeams(),
  };
}
