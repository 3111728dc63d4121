import {
  auditLogCreated,
  butterBarState,
  createdOff,
  identityOverride,
  segmentOverride,
  segmentOverrideDeleted,
  turnedOff,
  turnedOn,
  valueChanged,
} from '../__testUtils__/flagsmithExamples';
import { mapFlagsmithWebhook } from './webhook';

describe('mapFlagsmithWebhook', () => {
  it('maps the docs’ sample, butter_bar enabled in Development, to on', () => {
    expect(mapFlagsmithWebhook(turnedOn)).toEqual({
      what: 'Flagsmith FLAG_UPDATED of butter_bar in Development at 2021-06-18T07:50:26.595298Z',
      changes: [
        {
          project: '12',
          event: {
            kind: 'flag',
            source: 'flagsmith',
            // environment 23, feature 7168, the environment's own state, the timestamp
            id: '23:7168:environment:2021-06-18T07:50:26.595298Z',
            flagKey: 'butter_bar',
            environment: 'Development',
            action: 'on',
            // microseconds .595298 kept to the millisecond
            at: '2021-06-18T07:50:26.595Z',
            author: 'Ben Rometsch',
          },
        },
      ],
    });
  });

  it('maps a flag disabled to off', () => {
    expect(mapFlagsmithWebhook(turnedOff)).toMatchObject({
      changes: [
        {
          event: {
            id: '24:7168:environment:2021-06-18T09:12:00.000001Z',
            environment: 'Production',
            action: 'off',
            at: '2021-06-18T09:12:00.000Z',
            author: 'ben@flagsmith.com',
          },
        },
      ],
    });
  });

  it('maps a new value and overrides, set or deleted, as targeting, each its own id', () => {
    const ids = [
      valueChanged,
      segmentOverride,
      identityOverride,
      segmentOverrideDeleted,
    ].map(payload => {
      const mapped = mapFlagsmithWebhook(payload) as {
        changes: { event: { id: string; action: string } }[];
      };
      expect(mapped.changes[0].event.action).toBe('targeting');
      return mapped.changes[0].event.id;
    });
    expect(ids).toEqual([
      '23:7168:environment:2021-06-18T08:00:00.000000Z',
      '23:7168:segment-31:2021-06-18T08:30:00.000000Z',
      '23:7168:identity-4501:2021-06-18T08:45:00.000000Z',
      '23:7168:segment-31:2021-06-18T10:00:00.000000Z',
    ]);
  });

  it('maps a flag created enabled to on, and holds nothing for one created disabled or deleted', () => {
    expect(
      mapFlagsmithWebhook({
        ...createdOff,
        data: { ...createdOff.data, new_state: butterBarState() },
      }),
    ).toMatchObject({ changes: [{ event: { action: 'on' } }] });
    expect(mapFlagsmithWebhook(createdOff)).toEqual({
      what: 'Flagsmith FLAG_UPDATED of butter_bar in Development at 2021-02-10T20:03:43.400000Z',
      skipped: 'created disabled: releases nothing',
    });
    expect(
      mapFlagsmithWebhook({
        event_type: 'FLAG_DELETED',
        data: {
          new_state: null,
          previous_state: butterBarState(),
          timestamp: '2021-06-18T11:00:00Z',
        },
      }),
    ).toMatchObject({ skipped: 'the flag was deleted' });
  });

  it('holds nothing for an organisation webhook’s audit log entry', () => {
    expect(mapFlagsmithWebhook(auditLogCreated)).toEqual({
      what: 'Flagsmith AUDIT_LOG_CREATED delivery',
      skipped: 'not about a flag',
    });
  });

  it('refuses a flag delivery without its state or time, naming the field', () => {
    expect(
      mapFlagsmithWebhook({
        event_type: 'FLAG_UPDATED',
        data: { ...turnedOn.data, new_state: null, timestamp: 'today' },
      }),
    ).toEqual({
      invalid:
        'not a Flagsmith webhook delivery: data.timestamp: Invalid ISO datetime',
    });
    expect(
      mapFlagsmithWebhook({
        event_type: 'FLAG_UPDATED',
        data: { ...turnedOn.data, new_state: null },
      }),
    ).toEqual({
      invalid:
        'not a Flagsmith webhook delivery: data.new_state: required for FLAG_UPDATED',
    });
  });
});
