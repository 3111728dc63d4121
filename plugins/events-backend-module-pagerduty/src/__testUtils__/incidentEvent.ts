/**
 * A webhooks v3 incident event as PagerDuty delivers it (the envelope of the
 * overview's example, cut to what identifies the event and its incident): the
 * validator reads only the envelope.
 */
export function incidentEvent(
  options: { eventId?: string; occurredAt?: string } = {},
) {
  return {
    event: {
      id: options.eventId ?? '5ac64822-4adc-4fda-ade0-410becf0de4f',
      event_type: 'incident.priority_updated',
      resource_type: 'incident',
      occurred_at: options.occurredAt ?? '2020-10-02T18:45:22.169Z',
      agent: { id: 'PLH1HKV', type: 'user_reference' },
      client: { name: 'PagerDuty' },
      data: {
        id: 'PGR0VU2',
        type: 'incident',
        self: 'https://api.pagerduty.com/incidents/PGR0VU2',
        html_url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
        number: 2,
        status: 'triggered',
        title: 'A little bump in the road',
        service: { id: 'PF9KMXH', type: 'service_reference' },
        priority: { id: 'PSO75BM', summary: 'P1', type: 'priority_reference' },
      },
    },
  };
}
