/*
 * Flag events end to end (real router, store, migrations) on SQLite and PostgreSQL:
 * POST /events with kind 'flag', and GET /flags.
 */
import { Entity } from '@backstage/catalog-model';
import { databases, startDeliveryApi } from '../__testUtils__/deliveryApi';
import { component, group, shopSystem } from '../__testUtils__/entities';

const entities: Entity[] = [
  group('team-a', ['team-b']),
  group('team-b'),
  group('team-c'),
  shopSystem,
  component('checkout', 'team-a', 'shop'),
  component('cart', 'team-b', 'shop'),
  component('search', 'team-c'),
];

/** A flag change of a component as Unleash reports it; `extra` overrides any field. */
const flag = (
  id: string,
  entity: string,
  at: string,
  action: string,
  extra: Record<string, unknown> = {},
) => ({
  kind: 'flag',
  source: 'unleash',
  id,
  entityRef: `component:default/${entity}`,
  flagKey: 'new-cart',
  environment: 'production',
  action,
  at,
  ...extra,
});

describe.each(databases.eachSupportedId())('flag events on %p', databaseId => {
  const { post } = startDeliveryApi(databaseId, { entities });

  it('stores flag changes once per (source, id), updating on redelivery', async () => {
    const events = [
      flag('f1', 'checkout', '2026-01-05T10:00:00Z', 'on'),
      flag('f2', 'checkout', '2026-01-05T11:00:00Z', 'rollout', {
        percentage: 25,
      }),
    ];
    expect((await post('events', { events })).body).toEqual({
      accepted: 2,
      updated: 0,
      rejected: [],
    });
    expect(
      (
        await post('events', {
          events: [{ ...events[1], percentage: 50 }, events[0]],
        })
      ).body,
    ).toEqual({ accepted: 0, updated: 2, rejected: [] });
  });

  it('rejects a bad flag change naming the field, storing the rest of the batch', async () => {
    const response = await post('events', {
      events: [
        flag('no-pct', 'checkout', '2026-01-05T10:00:00Z', 'rollout'),
        flag('bad-action', 'checkout', '2026-01-05T10:00:00Z', 'toggle'),
        flag('bad-pct', 'checkout', '2026-01-05T10:00:00Z', 'rollout', {
          percentage: 101,
        }),
        flag('no-offset', 'checkout', '2026-01-05T10:00:00', 'on'),
        flag('long-key', 'checkout', '2026-01-05T10:00:00Z', 'on', {
          flagKey: 'k'.repeat(201),
        }),
        flag('blank-key', 'checkout', '2026-01-05T10:00:00Z', 'on', {
          flagKey: '  ',
        }),
        flag('no-env', 'checkout', '2026-01-05T10:00:00Z', 'on', {
          environment: '',
        }),
        flag('bad-url', 'checkout', '2026-01-05T10:00:00Z', 'on', {
          url: 'ftp://flags.example.com',
        }),
        flag('bad-ref', 'checkout', '2026-01-05T10:00:00Z', 'on', {
          entityRef: 'checkout',
        }),
        flag('nul', 'checkout', '2026-01-05T10:00:00Z', 'on', {
          author: 'a\u0000b',
        }),
        flag('fine', 'checkout', '2026-01-05T10:00:00Z', 'targeting'),
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.accepted).toBe(1);
    expect(
      response.body.rejected.map((r: { index: number; error: string }) => [
        r.index,
        r.error.split(':')[0],
      ]),
    ).toEqual([
      [0, 'percentage'],
      [1, 'action'],
      [2, 'percentage'],
      [3, 'at'],
      [4, 'flagKey'],
      [5, 'flagKey'],
      [6, 'environment'],
      [7, 'url'],
      [8, 'entityRef'],
      [9, 'author'],
    ]);
  });
});
