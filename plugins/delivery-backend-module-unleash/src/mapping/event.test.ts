import {
  constraintsAdded,
  environmentDisabled,
  environmentEnabled,
  featureCreated,
  rolloutChanged,
  stickinessChanged,
  strategyAdded,
  strategyRemoved,
} from '../__testUtils__/unleashExamples';
import { mapUnleashEvent, strategyShare } from './event';

const map = (payload: unknown) =>
  mapUnleashEvent(payload, { baseUrl: 'https://unleash.acme.example' });

/** The fields of every change of new-feature in production. */
const newFeature = {
  kind: 'flag',
  source: 'unleash',
  flagKey: 'new-feature',
  environment: 'production',
  author: 'user@company.com',
  url: 'https://unleash.acme.example/projects/my-other-project/features/new-feature',
};

describe('mapUnleashEvent', () => {
  it('maps an environment enabled and disabled to on and off', () => {
    expect(map(environmentEnabled)).toEqual({
      what: 'Unleash event 28 (feature-environment-enabled)',
      changes: [
        {
          project: 'default',
          event: {
            kind: 'flag',
            source: 'unleash',
            id: '28',
            flagKey: 'test-flag',
            environment: 'development',
            action: 'on',
            at: '2024-12-30T00:00:00.000Z',
            author: 'michelle@michelle.org',
            url: 'https://unleash.acme.example/projects/default/features/test-flag',
          },
        },
      ],
    });
    expect(map(environmentDisabled)).toMatchObject({
      changes: [
        {
          event: {
            id: '29',
            environment: 'production',
            action: 'off',
            at: '2024-12-30T01:15:00.000Z',
          },
        },
      ],
    });
  });

  it('maps a gradual rollout from 67% to 32% as a rollout of 32', () => {
    expect(map(rolloutChanged)).toEqual({
      what: 'Unleash event 920 (feature-strategy-update)',
      changes: [
        {
          project: 'my-other-project',
          event: {
            ...newFeature,
            id: '920',
            action: 'rollout',
            // parameters.rollout "32", a string in Unleash
            percentage: 32,
            at: '2022-06-01T10:03:11.549Z',
          },
        },
      ],
    });
  });

  it('maps a gradual rollout added at 67% as a rollout of 67', () => {
    expect(map(strategyAdded)).toMatchObject({
      changes: [
        {
          event: {
            id: '919',
            action: 'rollout',
            percentage: 67,
            at: '2022-06-01T10:03:08.290Z',
          },
        },
      ],
    });
  });

  it('maps strategy changes that keep the share, add constraints or remove a strategy as targeting', () => {
    for (const event of [
      stickinessChanged,
      constraintsAdded,
      strategyRemoved,
    ]) {
      const mapped = map(event) as { changes: { event: object }[] };
      expect(mapped.changes[0].event).toMatchObject({ action: 'targeting' });
      expect(mapped.changes[0].event).not.toHaveProperty('percentage');
    }
  });

  it('holds no change for events that release nothing', () => {
    expect(map(featureCreated)).toEqual({
      what: 'Unleash event 28 (feature-created)',
      skipped: 'feature-created releases nothing',
    });
  });

  it('links nowhere without a base URL, and keeps offsets as instants', () => {
    const mapped = mapUnleashEvent(
      { ...environmentEnabled, createdAt: '2024-12-30T01:00:00.000+01:00' },
      {},
    ) as { changes: { event: object }[] };
    expect(mapped.changes[0].event).not.toHaveProperty('url');
    // 01:00 at +01:00 is midnight UTC.
    expect(mapped.changes[0].event).toMatchObject({
      at: '2024-12-30T00:00:00.000Z',
    });
  });

  it('refuses an event without what a release needs, naming the fields', () => {
    const { environment, project, ...partial } = environmentEnabled;
    expect(map(partial)).toEqual({
      invalid:
        'not an Unleash event: project: required for feature-environment-enabled; environment: required for feature-environment-enabled',
    });
    expect(map({ ...environmentEnabled, createdAt: 'yesterday' })).toEqual({
      invalid: 'not an Unleash event: createdAt: Invalid ISO datetime',
    });
  });
});

describe('strategyShare', () => {
  it('reads a plain share: gradual rollouts’ parameters, 100 for the standard strategy', () => {
    const strategy = (
      name: string,
      parameters: Record<string, unknown> = {},
    ) => ({
      name,
      parameters,
    });
    expect(strategyShare(strategy('flexibleRollout', { rollout: '25' }))).toBe(
      25,
    );
    expect(strategyShare(strategy('flexibleRollout', { rollout: 12.5 }))).toBe(
      12.5,
    );
    expect(
      strategyShare(strategy('gradualRolloutRandom', { percentage: '40' })),
    ).toBe(40);
    expect(strategyShare(strategy('default'))).toBe(100);
  });

  it('has none for constrained or segmented strategies, other strategies and nonsense', () => {
    expect(
      strategyShare({
        name: 'flexibleRollout',
        parameters: { rollout: '25' },
        constraints: [{ contextName: 'appName' }],
      }),
    ).toBe(undefined);
    expect(strategyShare({ name: 'default', segments: [1] })).toBe(undefined);
    expect(strategyShare({ name: 'userWithId', parameters: {} })).toBe(
      undefined,
    );
    for (const rollout of ['', 'abc', '101', '-1', null]) {
      expect(
        strategyShare({ name: 'flexibleRollout', parameters: { rollout } }),
      ).toBe(undefined);
    }
    expect(strategyShare(null)).toBe(undefined);
  });
});
