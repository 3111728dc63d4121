/*
 * The Unleash source end to end: events shaped as Unleash's Webhook integration
 * sends them (see __testUtils__/unleashExamples.ts), with the Authorization header
 * it is configured with, POSTed to the events backend's real endpoint (checked by
 * this package's events module), through this module into the real delivery backend
 * and its store, read back through its API; and the module off until configured.
 */
import {
  annotatedComponent,
  eventually,
} from '@internal/backstage-plugin-delivery-node/testUtils';
import {
  environmentDisabled,
  environmentEnabled,
  rolloutChanged,
  strategyAdded,
} from './__testUtils__/unleashExamples';
import {
  databases,
  unleashHeaders,
  useUnleashBackend,
} from './__testUtils__/scenario';

const TOKEN = 'Bearer unleash-webhook-token';

const entities = [
  // Every flag of project my-other-project is checkout's.
  annotatedComponent('checkout', {
    'unleash.io/project-id': 'my-other-project',
  }),
  // test-* flags of project default are web's.
  annotatedComponent('web', {
    'unleash.io/project-id': 'default',
    'unleash.io/flag-prefix': 'test-',
  }),
];

describe.each(databases.eachSupportedId())(
  'Unleash source on %p',
  databaseId => {
    const backend = useUnleashBackend({
      databaseId,
      entities,
      unleash: {
        webhook: { secrets: ['Bearer another-instance', TOKEN] },
        baseUrl: 'https://unleash.acme.example',
      },
    });
    const { read, flagOf, flagsOf } = backend;

    const deliver = (payload: unknown, authorization: string | null = TOKEN) =>
      backend.post(
        'unleash',
        JSON.stringify(payload),
        unleashHeaders(authorization),
      );

    it('stores a gradual rollout added, then changed, for the component of the project', async () => {
      expect((await deliver(strategyAdded)).status).toBe(202);
      expect((await deliver(rolloutChanged)).status).toBe(202);
      const common = {
        kind: 'flag',
        source: 'unleash',
        entityRef: 'component:default/checkout',
        flagKey: 'new-feature',
        environment: 'production',
        author: 'user@company.com',
        url: 'https://unleash.acme.example/projects/my-other-project/features/new-feature',
      };
      expect(await flagOf('checkout', '919')).toEqual({
        ...common,
        id: '919',
        action: 'rollout',
        percentage: 67,
        at: '2022-06-01T10:03:08.290Z',
      });
      expect(await flagOf('checkout', '920')).toEqual({
        ...common,
        id: '920',
        action: 'rollout',
        percentage: 32,
        at: '2022-06-01T10:03:11.549Z',
      });
      expect(
        (await read('/sources')).items.find(
          (s: { id: string }) => s.id === 'unleash',
        ),
      ).toMatchObject({ stale: false, failing: [] });
    });

    it('stores an environment enabled and disabled by flag prefix; a redelivery changes nothing', async () => {
      for (const event of [
        environmentEnabled,
        environmentDisabled,
        environmentEnabled,
      ]) {
        expect((await deliver(event)).status).toBe(202);
      }
      expect(await flagOf('web', '28')).toMatchObject({
        flagKey: 'test-flag',
        environment: 'development',
        action: 'on',
      });
      expect(await flagOf('web', '29')).toMatchObject({
        environment: 'production',
        action: 'off',
      });
      expect((await flagsOf('web')).filter(f => f.id === '28')).toHaveLength(1);
    });

    it('refuses deliveries without the configured Authorization with 401, and malformed events with 400 naming the field', async () => {
      const probe = { ...environmentEnabled, id: 4001 };
      const missing = await deliver(probe, null);
      expect(missing.status).toBe(401);
      expect(await missing.json()).toEqual({
        message: 'invalid authorization',
      });
      expect((await deliver(probe, 'Bearer guess')).status).toBe(401);

      const { environment, ...unplaced } = probe;
      const malformed = await deliver(unplaced);
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toEqual({
        message:
          'malformed Unleash webhook payload: environment: required for feature-environment-enabled',
      });

      expect((await deliver({ ...environmentEnabled, id: 4002 })).status).toBe(
        202,
      );
      await flagOf('web', '4002');
      expect((await flagsOf('web')).map(f => f.id)).not.toContain('4001');
    });

    it('reports a flag no component claims as unmatched', async () => {
      await deliver({
        ...environmentEnabled,
        id: 4100,
        featureName: 'dark-mode',
      });
      expect(
        await eventually(async () =>
          (
            await read('/unmatched')
          ).items.find(
            (item: { key: string }) => item.key === 'default/dark-mode',
          ),
        ),
      ).toMatchObject({
        source: 'unleash',
        reason:
          'flag dark-mode matches no unleash.io/flag-prefix of component:default/web (project default), and no component claims the rest of the project',
      });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'Unleash source without a secret on %p',
  databaseId => {
    const backend = useUnleashBackend({ databaseId, entities });

    it('is listed as off until configured, and its endpoint refuses every delivery', async () => {
      expect(
        (await backend.read('/sources')).items.find(
          (s: { id: string }) => s.id === 'unleash',
        ),
      ).toEqual({
        id: 'unleash',
        source: 'unleash',
        stale: false,
        failing: [],
        disabled: true,
        disabledReason:
          'no delivery.unleash.webhook.secrets: the webhook refuses every delivery',
      });
      const response = await backend.post(
        'unleash',
        JSON.stringify(environmentEnabled),
        unleashHeaders(TOKEN),
      );
      expect(response.status).toBe(401);
    });
  },
);
