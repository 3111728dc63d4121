import { incidentStateOf } from './IncidentClient';

describe('incidentStateOf', () => {
  it('is unknown when no source has the incident', () => {
    expect(incidentStateOf([])).toEqual({ state: 'unknown' });
  });

  it('is open while any source has it unresolved, since the earliest opening', () => {
    expect(
      incidentStateOf([
        {
          source: 'pagerduty',
          id: 'INC-42',
          openedAt: '2026-01-06T08:00:00.000Z',
          resolvedAt: '2026-01-06T09:00:00.000Z',
        },
        {
          source: 'opsgenie',
          id: 'INC-42',
          openedAt: '2026-01-06T08:05:00.000Z',
          resolvedAt: null,
        },
      ]),
    ).toEqual({ state: 'open', openedAt: '2026-01-06T08:05:00.000Z' });
  });

  it('is resolved at the latest resolution when every source resolved it', () => {
    expect(
      incidentStateOf([
        {
          source: 'pagerduty',
          id: 'INC-42',
          openedAt: '2026-01-06T08:00:00.000Z',
          resolvedAt: '2026-01-06T09:00:00.000Z',
        },
        {
          source: 'opsgenie',
          id: 'INC-42',
          openedAt: '2026-01-06T08:05:00.000Z',
          resolvedAt: '2026-01-06T09:30:00.000Z',
        },
      ]),
    ).toEqual({ state: 'resolved', resolvedAt: '2026-01-06T09:30:00.000Z' });
  });
});
