import {
  created,
  environmentRenamed,
  flagEntry,
  flagVersion,
  rolledOutTo25,
  rulesUpdated,
  turnedOff,
  turnedOn,
  turnedOnInTestWithNewDefault,
} from '../__testUtils__/launchDarklyExamples';
import { mapAuditEntry } from './flagChanges';

const map = (payload: unknown) =>
  mapAuditEntry(payload, { appBaseUrl: 'https://app.launchdarkly.com' });

/** The fields every production change of checkout-new-cart shares. */
const production = {
  kind: 'flag',
  source: 'launchdarkly',
  flagKey: 'checkout-new-cart',
  environment: 'production',
  author: 'michelle@example.io',
  url: 'https://app.launchdarkly.com/default/production/features/checkout-new-cart',
};

describe('mapAuditEntry', () => {
  it('maps turning a flag on (with the share its default rule releases to) and off', () => {
    expect(map(turnedOn)).toEqual({
      what: 'LaunchDarkly audit log entry 6710561bb4e5c40f8d7c1f2a',
      changes: [
        {
          project: 'default',
          event: {
            ...production,
            id: '6710561bb4e5c40f8d7c1f2a:production',
            action: 'on',
            // The default rule serves variation 0, true: 100% of contexts.
            percentage: 100,
            // date 1729123867537 ms after the epoch
            at: '2024-10-17T00:11:07.537Z',
          },
        },
      ],
    });
    expect(map(turnedOff)).toMatchObject({
      changes: [
        {
          event: {
            id: '6710561bb4e5c40f8d7c1f2b:production',
            action: 'off',
            // 1729127467537 = 1729123867537 + 3 600 000: an hour later
            at: '2024-10-17T01:11:07.537Z',
          },
        },
      ],
    });
  });

  it('turns on to the default rule’s rollout, not to everyone', () => {
    const quarter = {
      fallthrough: {
        rollout: {
          variations: [
            { variation: 0, weight: 25000 },
            { variation: 1, weight: 75000 },
          ],
        },
      },
    };
    expect(
      map(
        flagEntry({
          accesses: [['updateOn', 'production']],
          previous: flagVersion('checkout-new-cart', {
            production: { on: false, ...quarter },
          }),
          current: flagVersion('checkout-new-cart', {
            production: { on: true, ...quarter },
          }),
        }),
      ),
    ).toMatchObject({
      // true weighs 25000 of 100000
      changes: [{ event: { action: 'on', percentage: 25 } }],
    });
  });

  it('gives no share with off', () => {
    const { changes } = map(turnedOff) as { changes: { event: object }[] };
    expect(changes[0].event).not.toHaveProperty('percentage');
  });

  it('maps a default rule newly rolling out to 25% as a rollout of 25', () => {
    // Before: the default rule served variation 1 (false) to everyone: 0%.
    // After: true (variation 0) weighs 25000 of 100000: 25%.
    expect(map(rolledOutTo25)).toEqual({
      what: 'LaunchDarkly audit log entry 6710561bb4e5c40f8d7c1f2c',
      changes: [
        {
          project: 'default',
          event: {
            ...production,
            id: '6710561bb4e5c40f8d7c1f2c:production',
            action: 'rollout',
            percentage: 25,
            // 1729130000000 ms
            at: '2024-10-17T01:53:20.000Z',
          },
        },
      ],
    });
  });

  it('maps rule changes, and a default rule change that keeps the share, as targeting', () => {
    expect(map(rulesUpdated)).toMatchObject({
      changes: [{ event: { action: 'targeting' } }],
    });
    expect(
      (map(rulesUpdated) as { changes: { event: object }[] }).changes[0].event,
    ).not.toHaveProperty('percentage');
    // A 50/50 rollout re-bucketed by another attribute: still 50% either way.
    const half = {
      on: true,
      fallthrough: {
        rollout: {
          variations: [
            { variation: 0, weight: 50000 },
            { variation: 1, weight: 50000 },
          ],
        },
      },
    };
    expect(
      map(
        flagEntry({
          accesses: [['updateFallthrough', 'production']],
          previous: flagVersion('checkout-new-cart', { production: half }),
          current: flagVersion('checkout-new-cart', { production: half }),
        }),
      ),
    ).toMatchObject({ changes: [{ event: { action: 'targeting' } }] });
  });

  it('maps the most telling action of one environment’s change: turned on beats a new default', () => {
    expect(map(turnedOnInTestWithNewDefault)).toEqual({
      what: 'LaunchDarkly audit log entry 1234',
      changes: [
        {
          project: 'default',
          event: {
            kind: 'flag',
            source: 'launchdarkly',
            id: '1234:test',
            flagKey: 'test-flag',
            environment: 'test',
            action: 'on',
            // The new default serves variation 1, false: on, releasing to 0%.
            percentage: 0,
            at: '2024-10-17T00:11:07.537Z',
            author: 'michelle@example.io',
            url: 'https://app.launchdarkly.com/default/test/features/test-flag',
          },
        },
      ],
    });
  });

  it('reads on or off from the title when the entry carries no version', () => {
    const { currentVersion, previousVersion, ...bare } = turnedOff;
    expect(map(bare)).toMatchObject({
      changes: [{ event: { action: 'off' } }],
    });
    expect(map({ ...bare, titleVerb: 'updated the flag' })).toEqual({
      what: 'LaunchDarkly audit log entry 6710561bb4e5c40f8d7c1f2b',
      skipped:
        'updateOn in production without a current version or title saying on or off',
    });
  });

  it('maps a copy of another environment’s settings by what it changed', () => {
    // The copy turned production on: 'on'.
    expect(
      map(
        flagEntry({
          accesses: [['copyFlagConfigTo', 'production']],
          previous: flagVersion('checkout-new-cart', {
            production: { on: false, fallthrough: { variation: 0 } },
          }),
          current: flagVersion('checkout-new-cart', {
            production: { on: true, fallthrough: { variation: 0 } },
          }),
        }),
      ),
    ).toMatchObject({ changes: [{ event: { action: 'on' } }] });
    // On before and after, the default rule from false (0%) to true (100%).
    expect(
      map(
        flagEntry({
          accesses: [['copyFlagConfigTo', 'production']],
          previous: flagVersion('checkout-new-cart', {
            production: { on: true, fallthrough: { variation: 1 } },
          }),
          current: flagVersion('checkout-new-cart', {
            production: { on: true, fallthrough: { variation: 0 } },
          }),
        }),
      ),
    ).toMatchObject({
      changes: [{ event: { action: 'rollout', percentage: 100 } }],
    });
  });

  it('holds no change for entries that release nothing', () => {
    expect(map(created)).toEqual({
      what: 'LaunchDarkly audit log entry 1234',
      skipped: 'no release in its actions (createFlag)',
    });
    expect(map(environmentRenamed)).toEqual({
      what: 'LaunchDarkly audit log entry 57c0a8e29969090743529965',
      skipped: 'not a flag: kind environment',
    });
  });

  it('names the author by name, token or app when no member email is given', () => {
    const { member, ...rest } = turnedOn;
    expect(map({ ...rest, member: { firstName: 'Michelle' } })).toMatchObject({
      changes: [{ event: { author: 'Michelle' } }],
    });
    expect(map({ ...rest, token: { name: 'Release bot' } })).toMatchObject({
      changes: [{ event: { author: 'Release bot' } }],
    });
    const anonymous = map(rest) as { changes: { event: object }[] };
    expect(anonymous.changes[0].event).not.toHaveProperty('author');
  });

  it('refuses a payload that is not an audit log entry, naming the field', () => {
    expect(map({ ...turnedOn, date: '2024-10-17' })).toEqual({
      invalid:
        'not a LaunchDarkly audit log entry: date: Invalid input: expected number, received string',
    });
  });

  it('keeps ids within the schema’s 200 characters, distinct per environment', () => {
    const long = 'e'.repeat(190);
    const entry = flagEntry({
      accesses: [
        ['updateRules', `${long}1`],
        ['updateRules', `${long}2`],
      ],
    });
    const { changes } = map(entry) as { changes: { event: { id: string } }[] };
    const ids = changes.map(c => c.event.id);
    expect(ids.map(id => id.length)).toEqual([200, 200]);
    expect(new Set(ids).size).toBe(2);
  });
});
