/*
 * The Flagsmith source end to end: deliveries shaped as Flagsmith's environment
 * webhooks send them (see __testUtils__/flagsmithExamples.ts), signed as Flagsmith
 * signs them, POSTed to the events backend's real endpoint (checked by this
 * package's events module, answered 200 as Flagsmith expects), through this module
 * into the real delivery backend and its store, read back through its API; and the
 * module off until a secret is configured.
 */
import {
  annotatedComponent,
  eventually,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import {
  auditLogCreated,
  segmentOverride,
  turnedOff,
  turnedOn,
} from './__testUtils__/flagsmithExamples';
import {
  databases,
  flagsmithHeaders,
  useFlagsmithBackend,
} from './__testUtils__/scenario';

const SECRET = 'flagsmith-webhook-secret';

const entities = [
  // Flagsmith Website (project 12): butter_* flags are web's.
  annotatedComponent('web', {
    'flagsmith.com/project-id': '12',
    'flagsmith.com/flag-prefix': 'butter_',
  }),
];

describe.each(databases.eachSupportedId())(
  'Flagsmith source on %p',
  databaseId => {
    const backend = useFlagsmithBackend({
      databaseId,
      entities,
      flagsmith: { webhook: { secrets: ['staging-webhook', SECRET] } },
    });
    const { read, flagOf, flagsOf } = backend;

    const deliver = (payload: unknown, secret: string | null = SECRET) => {
      // Flagsmith sends json.dumps(..., sort_keys=True); any body signs alike.
      const body = JSON.stringify(payload);
      return backend.post('flagsmith', body, flagsmithHeaders(body, secret));
    };

    it('answers 200 and stores flags turned on and off and a segment override for the component', async () => {
      for (const payload of [turnedOn, turnedOff, segmentOverride]) {
        const response = await deliver(payload);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ status: 'accepted' });
      }
      expect(
        await flagOf('web', '23:7168:environment:2021-06-18T07:50:26.595298Z'),
      ).toEqual({
        kind: 'flag',
        source: 'flagsmith',
        id: '23:7168:environment:2021-06-18T07:50:26.595298Z',
        entityRef: 'component:default/web',
        flagKey: 'butter_bar',
        environment: 'Development',
        action: 'on',
        at: '2021-06-18T07:50:26.595Z',
        author: 'Ben Rometsch',
      });
      expect(
        await flagOf('web', '24:7168:environment:2021-06-18T09:12:00.000001Z'),
      ).toMatchObject({ environment: 'Production', action: 'off' });
      expect(
        await flagOf('web', '23:7168:segment-31:2021-06-18T08:30:00.000000Z'),
      ).toMatchObject({ action: 'targeting' });
      expect(
        (await read('/sources')).items.find(
          (s: { id: string }) => s.id === 'flagsmith',
        ),
      ).toMatchObject({ stale: false, failing: [] });
    });

    it('stores one change delivered again (to another webhook, or retried) once', async () => {
      const again = {
        ...turnedOn,
        data: { ...turnedOn.data, timestamp: '2021-06-19T07:00:00.000000Z' },
      };
      expect((await deliver(again)).status).toBe(200);
      expect((await deliver(again, 'staging-webhook')).status).toBe(200);
      await flagOf('web', '23:7168:environment:2021-06-19T07:00:00.000000Z');
      expect(
        (await flagsOf('web')).filter(
          f => f.id === '23:7168:environment:2021-06-19T07:00:00.000000Z',
        ),
      ).toHaveLength(1);
    });

    it('answers an organisation webhook’s audit log entry 200, storing nothing', async () => {
      const before = await backend.count('flags');
      expect((await deliver(auditLogCreated)).status).toBe(200);
      expect(await backend.count('flags')).toBe(before);
    });

    it('refuses unsigned and forged deliveries with 401, and a flag event without its state with 400', async () => {
      const probe = {
        ...turnedOn,
        data: { ...turnedOn.data, timestamp: '2021-07-01T00:00:00Z' },
      };
      const unsigned = await deliver(probe, null);
      expect(unsigned.status).toBe(401);
      expect(await unsigned.json()).toEqual({ message: 'invalid signature' });
      expect((await deliver(probe, 'guess')).status).toBe(401);
      const malformed = await deliver({
        ...probe,
        data: { ...probe.data, new_state: null },
      });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toEqual({
        message:
          'malformed Flagsmith webhook payload: data.new_state: required for FLAG_UPDATED',
      });
      expect((await flagsOf('web')).map(f => f.id)).not.toContain(
        '23:7168:environment:2021-07-01T00:00:00Z',
      );
    });

    it('reports a flag of a project no component names as unmatched', async () => {
      const otherProject = JSON.parse(
        JSON.stringify(turnedOn).replace(/"id":12,/g, '"id":99,'),
      );
      expect((await deliver(otherProject)).status).toBe(200);
      expect(
        await eventually(async () =>
          (
            await read('/unmatched')
          ).items.find((item: { key: string }) => item.key === '99/butter_bar'),
        ),
      ).toMatchObject({
        source: 'flagsmith',
        reason: 'no component annotated flagsmith.com/project-id: 99',
      });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'Flagsmith source without a secret on %p',
  databaseId => {
    const backend = useFlagsmithBackend({ databaseId, entities });

    it('is listed as off until configured, and its endpoint refuses every delivery', async () => {
      expect(
        (await backend.read('/sources')).items.find(
          (s: { id: string }) => s.id === 'flagsmith',
        ),
      ).toEqual({
        id: 'flagsmith',
        source: 'flagsmith',
        stale: false,
        failing: [],
        disabled: true,
        disabledReason:
          'no delivery.flagsmith.webhook.secrets: the webhook refuses every delivery',
      });
      const body = JSON.stringify(turnedOn);
      const response = await backend.post(
        'flagsmith',
        body,
        flagsmithHeaders(body, SECRET),
      );
      expect(response.status).toBe(401);
    });
  },
);
