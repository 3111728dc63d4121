/*
 * Opsgenie's published examples, as the module's tests use them.
 *
 * Alert API (https://docs.opsgenie.com/docs/alert-api): the sample response of
 * "List Alerts" (`GET /v2/alerts`; its first, closed alert, with `report`) and
 * of "Get Alert" (`GET /v2/alerts/:identifier`, which adds `actions`, `entity`,
 * `description` and `details`); the list envelope's `paging` as in
 * "Pagination" (https://docs.opsgenie.com/docs/pagination).
 *
 * Webhook integration (https://support.atlassian.com/opsgenie/docs/integrate-opsgenie-with-webhook/):
 * deliveries of the `Create` and `Close` actions as Opsgenie sends them, in
 * Zulip's captured fixtures (https://github.com/zulip/zulip/tree/main/zerver/webhooks/opsgenie/fixtures):
 * epoch milliseconds in `createdAt`, nanoseconds in `updatedAt`.
 *
 * Tests copy these and change the fields a case is about.
 */

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** The closed alert of the "List Alerts" sample. */
const LISTED_ALERT = {
  id: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
  tinyId: '1791',
  alias: 'event_573',
  message: 'Our servers are in danger',
  status: 'closed',
  acknowledged: false,
  isSeen: true,
  tags: ['OverwriteQuietHours', 'Critical'],
  snoozed: true,
  snoozedUntil: '2017-04-03T20:32:35.143Z',
  count: 79,
  lastOccurredAt: '2017-04-03T20:05:50.894Z',
  createdAt: '2017-03-21T20:32:52.353Z',
  updatedAt: '2017-04-03T20:32:57.301Z',
  source: 'Isengard',
  owner: 'morpheus@opsgenie.com',
  priority: 'P4',
  responders: [
    { id: '4513b7ea-3b91-438f-b7e4-e3e54af9147c', type: 'team' },
    { id: 'bb4d9938-c3c2-455d-aaab-727aa701c0d8', type: 'user' },
    { id: 'aee8a0de-c80f-4515-a232-501c0bc9d715', type: 'escalation' },
    { id: '80564037-1984-4f38-b98e-8a1f662df552', type: 'schedule' },
  ],
  integration: {
    id: '4513b7ea-3b91-438f-b7e4-e3e54af9147c',
    name: 'Nebuchadnezzar',
    type: 'API',
  },
  report: {
    ackTime: 15702,
    closeTime: 60503,
    acknowledgedBy: 'agent_smith@opsgenie.com',
    closedBy: 'neo@opsgenie.com',
  } as Record<string, unknown> | undefined,
};

export type ListedAlert = typeof LISTED_ALERT;

/** "Get Alert" adds these to what a list gives. */
export type FullAlert = ListedAlert & {
  actions: string[];
  entity: string;
  description: string;
  details: Record<string, string>;
};

/** The "List Alerts" sample's alert with these fields. */
export function listedAlert(fields: Partial<ListedAlert> = {}): ListedAlert {
  return { ...clone(LISTED_ALERT), ...clone(fields) };
}

/** The same alert as "Get Alert" returns it, with these fields. */
export function fullAlert(fields: Partial<FullAlert> = {}): FullAlert {
  return {
    ...clone(LISTED_ALERT),
    actions: ['Restart', 'Ping'],
    entity: 'EC2',
    description: 'Example description',
    details: { serverName: 'Zion', region: 'Oregon' },
    ...clone(fields),
  };
}

/** A "List Alerts" body: `data`, `took`, `requestId`, and `paging` links. */
export function alertsPage(
  data: unknown[],
  paging: { next?: string; first: string; last: string },
) {
  return {
    data,
    paging,
    took: 0.605,
    requestId: '9ae63dd7-ed00-4c81-86f0-c4ffd33142c9',
  };
}

/** A "Get Alert" body. */
export function alertResponse(alert: unknown) {
  return {
    data: alert,
    took: 0.003,
    requestId: '9ae63dd7-ed00-4c81-86f0-c4ffd33142c9',
  };
}

// As sent: `updatedAt` in nanoseconds is past JavaScript's exact integers, so the
// deliveries are kept as the JSON text Opsgenie posts.
const CREATE_DELIVERY = `{
  "action": "Create",
  "alert": {
    "alertId": "ec03dad6-62c8-4c94-b38b-d88f398e900f",
    "message": "another alert",
    "tags": ["vip"],
    "tinyId": "2",
    "source": "test@example.com",
    "entity": "Server",
    "alias": "alert-alias",
    "createdAt": 1502709956288,
    "updatedAt": 1502709956288000110,
    "username": "test@example.com",
    "userId": "8d43133c-a002-4e95-bf2b-2d6f95e47c96",
    "recipients": [],
    "teams": [],
    "insertedAt": 1502709956288000110,
    "priority": 3
  },
  "source": { "name": "web", "type": "API" },
  "integrationId": "daca46c6-e26b-4dda-8f8a-21f6db7eeaef",
  "integrationName": "Webhook",
  "integrationType": "Webhook",
  "alertFlowContext": {
    "requestId": "df3ad546-c7b6-4520-8de3-52bb12d1e99a",
    "traceId": "df3ad546-c7b6-4520-8de3-52bb12d1e99a",
    "content": {}
  }
}`;

const CLOSE_DELIVERY = `{
  "source": { "name": "", "type": "web" },
  "alert": {
    "updatedAt": 1420452374669001603,
    "tags": [],
    "message": "test alert",
    "username": "fili@ifountain.com",
    "alertId": "052652ac-5d1c-464a-812a-7dd18bbfba8c",
    "source": "fili@ifountain.com",
    "alias": "aliastest",
    "tinyId": "23",
    "createdAt": 1420452191104,
    "userId": "daed1180-0ce8-438b-8f8e-57e1a5920a2d",
    "entity": ""
  },
  "action": "Close",
  "integrationId": "37c8f316-17c6-49d7-899b-9c7e540c048d",
  "integrationName": "Integration1"
}`;

/** The body of a Webhook integration `Create` delivery about this alert. */
export function createDeliveryBody(
  alertId: string,
  tinyId: string,
  message: string,
): string {
  const body = JSON.parse(CREATE_DELIVERY);
  return CREATE_DELIVERY.replace(body.alert.alertId, alertId)
    .replace(`"tinyId": "${body.alert.tinyId}"`, `"tinyId": "${tinyId}"`)
    .replace(`"message": "${body.alert.message}"`, `"message": "${message}"`);
}

/** The body of a Webhook integration `Close` delivery about this alert. */
export function closeDeliveryBody(alertId: string, tinyId: string): string {
  const body = JSON.parse(CLOSE_DELIVERY);
  return CLOSE_DELIVERY.replace(body.alert.alertId, alertId).replace(
    `"tinyId": "${body.alert.tinyId}"`,
    `"tinyId": "${tinyId}"`,
  );
}
