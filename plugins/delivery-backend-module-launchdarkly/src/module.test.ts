/*
 * The LaunchDarkly source end to end: audit log entries shaped as LaunchDarkly sends
 * them (see __testUtils__/launchDarklyExamples.ts), signed as LaunchDarkly signs
 * them, POSTed to the events backend's real endpoint (checked by this package's
 * events module), through this module into the real delivery backend and its store,
 * read back through its API; and the module off until a secret is configured.
 */
import {
  annotatedComponent,
  eventually,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import {
  flagEntry,
  rolledOutTo25,
  turnedOff,
  turnedOn,
  turnedOnInTestWithNewDefault,
} from './__testUtils__/launchDarklyExamples';
import {
  databases,
  launchDarklyHeaders,
  useLaunchDarklyBackend,
} from './__testUtils__/scenario';

const SECRET = 'ld-webhook-secret';

const entities = [
  // checkout-* flags of project default are checkout's; the rest of it is shop's.
  annotatedComponent('checkout', {
    'launchdarkly.com/project-key': 'default',
    'launchdarkly.com/flag-prefix': 'checkout-',
  }),
  annotatedComponent('shop', { 'launchdarkly.com/project-key': 'default' }),
];

describe.each(databases.eachSupportedId())(
  'LaunchDarkly source on %p',
  databaseId => {
    const backend = useLaunchDarklyBackend({
      databaseId,
      entities,
      launchdarkly: { webhook: { secrets: ['another-webhook', SECRET] } },
    });
    const { read, flagOf, flagsOf } = backend;

    /** POSTs an entry the way LaunchDarkly does; `secret: null` leaves it unsigned. */
    const deliver = (payload: unknown, secret: string | null = SECRET) => {
      const body = JSON.stringify(payload);
      return backend.post(
        'launchdarkly',
        body,
        launchDarklyHeaders(body, secret),
      );
    };

    const sourceStatus = async () =>
      (await read('/sources')).items.find(
        (s: { id: string }) => s.id === 'launchdarkly',
      );

    it('stores a flag turned on, rolled out and turned off, as the component claiming its prefix', async () => {
      for (const entry of [turnedOn, rolledOutTo25, turnedOff]) {
        expect((await deliver(entry)).status).toBe(202);
      }
      const url =
        'https://app.launchdarkly.com/default/production/features/checkout-new-cart';
      const common = {
        kind: 'flag',
        source: 'launchdarkly',
        entityRef: 'component:default/checkout',
        flagKey: 'checkout-new-cart',
        environment: 'production',
        author: 'michelle@example.io',
        url,
      };
      expect(
        await flagOf('checkout', '6710561bb4e5c40f8d7c1f2a:production'),
      ).toEqual({
        ...common,
        id: '6710561bb4e5c40f8d7c1f2a:production',
        action: 'on',
        percentage: 100,
        at: '2024-10-17T00:11:07.537Z',
      });
      expect(
        await flagOf('checkout', '6710561bb4e5c40f8d7c1f2c:production'),
      ).toEqual({
        ...common,
        id: '6710561bb4e5c40f8d7c1f2c:production',
        action: 'rollout',
        percentage: 25,
        at: '2024-10-17T01:53:20.000Z',
      });
      expect(
        await flagOf('checkout', '6710561bb4e5c40f8d7c1f2b:production'),
      ).toEqual({
        ...common,
        id: '6710561bb4e5c40f8d7c1f2b:production',
        action: 'off',
        at: '2024-10-17T01:11:07.537Z',
      });
      expect(await sourceStatus()).toMatchObject({
        source: 'launchdarkly',
        stale: false,
        failing: [],
      });
    });

    it('gives a flag no prefix claims to the component claiming the rest of the project; a redelivery changes nothing', async () => {
      expect((await deliver(turnedOnInTestWithNewDefault)).status).toBe(202);
      expect((await deliver(turnedOnInTestWithNewDefault)).status).toBe(202);
      expect(await flagOf('shop', '1234:test')).toMatchObject({
        entityRef: 'component:default/shop',
        flagKey: 'test-flag',
        environment: 'test',
        action: 'on',
        percentage: 0,
      });
      expect(
        (await flagsOf('shop')).filter(f => f.id === '1234:test'),
      ).toHaveLength(1);
    });

    it('refuses unsigned and forged deliveries with 401, and malformed ones with 400 naming the field, storing nothing', async () => {
      const entry = flagEntry({
        id: 'refused-entry',
        accesses: [['updateOn', 'production']],
        titleVerb: 'turned on the flag',
      });
      const unsigned = await deliver(entry, null);
      expect(unsigned.status).toBe(401);
      expect(await unsigned.json()).toEqual({ message: 'invalid signature' });
      expect((await deliver(entry, 'not-the-secret')).status).toBe(401);

      const malformed = await deliver({ ...entry, accesses: [{}] });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toEqual({
        message:
          'malformed LaunchDarkly webhook payload: accesses.0.action: Invalid input: expected string, received undefined; accesses.0.resource: Invalid input: expected string, received undefined',
      });

      // A valid delivery after them: once it is stored, the others would be too.
      const valid = flagEntry({
        id: 'valid-entry',
        accesses: [['updateOn', 'production']],
        titleVerb: 'turned off the flag',
      });
      expect((await deliver(valid)).status).toBe(202);
      await flagOf('checkout', 'valid-entry:production');
      const ids = (await flagsOf('checkout')).map(f => f.id);
      expect(ids).not.toContain('refused-entry:production');
    });

    it('reports a flag of a project no component names as unmatched', async () => {
      const mobile = JSON.parse(
        JSON.stringify(turnedOn).replace(/proj\/default:/g, 'proj/mobile:'),
      );
      expect((await deliver({ ...mobile, _id: 'mobile-entry' })).status).toBe(
        202,
      );
      const unmatched = await eventually(async () =>
        (
          await read('/unmatched')
        ).items.find(
          (item: { key: string }) => item.key === 'mobile/checkout-new-cart',
        ),
      );
      expect(unmatched).toMatchObject({
        source: 'launchdarkly',
        reason: 'no component annotated launchdarkly.com/project-key: mobile',
        count: 1,
      });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'LaunchDarkly source without a secret on %p',
  databaseId => {
    const backend = useLaunchDarklyBackend({ databaseId, entities });

    it('is listed as off until configured, and its endpoint refuses every delivery', async () => {
      expect(
        (await backend.read('/sources')).items.find(
          (s: { id: string }) => s.id === 'launchdarkly',
        ),
      ).toEqual({
        id: 'launchdarkly',
        source: 'launchdarkly',
        stale: false,
        failing: [],
        disabled: true,
        disabledReason:
          'no delivery.launchdarkly.webhook.secrets: the webhook refuses every delivery',
      });
      const body = JSON.stringify(turnedOn);
      const response = await backend.post(
        'launchdarkly',
        body,
        launchDarklyHeaders(body, 'any-secret'),
      );
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        message:
          'no webhook secret is configured (delivery.launchdarkly.webhook.secrets)',
      });
    });
  },
);
