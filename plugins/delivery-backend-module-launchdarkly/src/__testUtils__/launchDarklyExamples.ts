/*
 * LaunchDarkly webhook deliveries: audit log entries, as LaunchDarkly POSTs them.
 *
 * Shapes copied from:
 * - https://launchdarkly.com/docs/api/webhooks ("The webhook payload is identical to
 *   an audit log entry", with its sample: an environment renamed), also at
 *   https://github.com/launchdarkly/LaunchDarkly-Docs/blob/main/apidocs/webhooks.md
 * - https://launchdarkly.com/docs/api/audit-log/get-audit-log-entry (the detailed
 *   entry: previousVersion and currentVersion, the flag before and after)
 * - https://github.com/getsentry/sentry/blob/master/tests/sentry/flags/endpoints/test_hooks.py
 *   (flag entries as LaunchDarkly delivered them to Sentry's flag webhook: createFlag
 *   across environments, updateOn with updateFallthrough, with both versions)
 * - https://launchdarkly.com/docs/api/feature-flags (the flag representation: the
 *   per-environment `on`, `fallthrough` as `{variation}` or `{rollout: {variations:
 *   [{variation, weight}]}}`, weights in thousandths of a percent, `offVariation`)
 *
 * Sentry's copy is trimmed to what identifies the change; its `currentVersion` shows
 * the flag still off after "Turned the flag on". Here the versions agree with the
 * change each entry describes, as LaunchDarkly sends them.
 */

/** One environment of a flag version, as the flag representation gives it. */
export interface EnvironmentState {
  on: boolean;
  fallthrough:
    | { variation: number }
    | { rollout: { variations: { variation: number; weight: number }[] } };
  offVariation?: number;
  rules?: unknown[];
}

const member = {
  _links: {
    parent: { href: '/api/v2/members', type: 'application/json' },
    self: { href: '/api/v2/members/1234', type: 'application/json' },
  },
  _id: '1234',
  email: 'michelle@example.io',
  firstName: 'Michelle',
  lastName: 'Doe',
};

/** A boolean flag's version with the given environments (true is variation 0). */
export function flagVersion(
  key: string,
  environments: Record<string, EnvironmentState>,
  options: { kind?: 'boolean' | 'multivariate'; values?: unknown[] } = {},
) {
  const values = options.values ?? [true, false];
  return {
    name: key,
    kind: options.kind ?? 'boolean',
    description: 'testing a feature flag',
    key,
    _version: 1,
    creationDate: 1729123465176,
    includeInSnippet: false,
    clientSideAvailability: {
      usingMobileKey: false,
      usingEnvironmentId: false,
    },
    variations: values.map((value, index) => ({
      _id: `variation-${index}`,
      value,
      name: String(value),
    })),
    temporary: true,
    tags: [],
    _links: {
      parent: { href: '/api/v2/flags/default', type: 'application/json' },
      self: { href: `/api/v2/flags/default/${key}`, type: 'application/json' },
    },
    maintainerId: '1234',
    archived: false,
    deprecated: false,
    defaults: { onVariation: 0, offVariation: 1 },
    environments: Object.fromEntries(
      Object.entries(environments).map(([env, state]) => [
        env,
        {
          archived: false,
          salt: '7495d3dcf72f43aaa075012fad947d0d',
          sel: '61b4861e6ed54135bc244bb120e9e2da',
          lastModified: 1729123867478,
          version: 2,
          targets: [],
          contextTargets: [],
          rules: [],
          offVariation: 1,
          prerequisites: [],
          _site: {
            href: `/default/${env}/features/${key}`,
            type: 'text/html',
          },
          _environmentName: env,
          trackEvents: false,
          trackEventsFallthrough: false,
          ...state,
        },
      ]),
    ),
  };
}

/** An audit log entry about flag `key` of project `default`, as a webhook delivers it. */
export function flagEntry(options: {
  id?: string;
  key?: string;
  date?: number;
  /** action per environment key, in order */
  accesses: [string, string][];
  titleVerb?: string;
  description?: string;
  previous?: ReturnType<typeof flagVersion>;
  current?: ReturnType<typeof flagVersion>;
}) {
  const key = options.key ?? 'checkout-new-cart';
  const resources = options.accesses.map(
    ([, env]) => `proj/default:env/${env}:flag/${key}`,
  );
  return {
    _links: {
      canonical: {
        href: `/api/v2/flags/default/${key}`,
        type: 'application/json',
      },
      parent: { href: '/api/v2/auditlog', type: 'application/json' },
      self: {
        href: `/api/v2/auditlog/${options.id ?? '1234'}`,
        type: 'application/json',
      },
      site: { href: `/default/production/features/${key}`, type: 'text/html' },
    },
    _id: options.id ?? '6710561bb4e5c40f8d7c1f2a',
    _accountId: '1234',
    date: options.date ?? 1729123867537,
    accesses: options.accesses.map(([action, env]) => ({
      action,
      resource: `proj/default:env/${env}:flag/${key}`,
    })),
    kind: 'flag',
    name: key,
    description: options.description ?? '',
    shortDescription: '',
    comment: '',
    member,
    titleVerb: options.titleVerb ?? 'updated the flag',
    title: `Michelle ${
      options.titleVerb ?? 'updated the flag'
    } [${key}](https://app.launchdarkly.com/default/production/features/${key}) in \`Production\``,
    target: {
      _links: {
        canonical: {
          href: `/api/v2/flags/default/${key}`,
          type: 'application/json',
        },
        site: {
          href: `/default/production/features/${key}`,
          type: 'text/html',
        },
      },
      name: key,
      resources: [...new Set(resources)],
    },
    parent: {
      _links: {
        canonical: {
          href: '/api/v2/projects/default/environments/production',
          type: 'application/json',
        },
        site: { href: '/settings/projects', type: 'text/html' },
      },
      name: 'Production',
      resource: 'proj/default:env/production',
    },
    ...(options.previous ? { previousVersion: options.previous } : {}),
    ...(options.current ? { currentVersion: options.current } : {}),
  };
}

const OFF: EnvironmentState = { on: false, fallthrough: { variation: 0 } };
const ON: EnvironmentState = { on: true, fallthrough: { variation: 0 } };

/** "Turned the flag on" in production (`updateOn`). */
export const turnedOn = flagEntry({
  accesses: [['updateOn', 'production']],
  titleVerb: 'turned on the flag',
  description: '* Turned the flag on\n',
  previous: flagVersion('checkout-new-cart', { production: OFF, test: ON }),
  current: flagVersion('checkout-new-cart', { production: ON, test: ON }),
});

/** "Turned the flag off" in production: the kill switch. */
export const turnedOff = flagEntry({
  id: '6710561bb4e5c40f8d7c1f2b',
  date: 1729127467537,
  accesses: [['updateOn', 'production']],
  titleVerb: 'turned off the flag',
  description: '* Turned the flag off\n',
  previous: flagVersion('checkout-new-cart', { production: ON }),
  current: flagVersion('checkout-new-cart', { production: OFF }),
});

/**
 * The default rule changed from serving `false` to a percentage rollout serving
 * `true` to 25% (weight 25000 of 100000) in production (`updateFallthrough`).
 */
export const rolledOutTo25 = flagEntry({
  id: '6710561bb4e5c40f8d7c1f2c',
  date: 1729130000000,
  accesses: [['updateFallthrough', 'production']],
  description:
    '* Changed the default rule to a percentage rollout: 25% `true`, 75% `false`\n',
  previous: flagVersion('checkout-new-cart', {
    production: { on: true, fallthrough: { variation: 1 } },
  }),
  current: flagVersion('checkout-new-cart', {
    production: {
      on: true,
      fallthrough: {
        rollout: {
          variations: [
            { variation: 0, weight: 25000 },
            { variation: 1, weight: 75000 },
          ],
        },
      },
    },
  }),
});

/** A targeting rule added in production (`updateRules`). */
export const rulesUpdated = flagEntry({
  id: '6710561bb4e5c40f8d7c1f2d',
  date: 1729133600000,
  accesses: [['updateRules', 'production']],
  description: '* Added rule 1: `email` ends with `@acme.example`\n',
  previous: flagVersion('checkout-new-cart', { production: ON }),
  current: flagVersion('checkout-new-cart', {
    production: { ...ON, rules: [{ variation: 0, clauses: [] }] },
  }),
});

/**
 * Sentry's `test_launchdarkly_post_update`: turned on in `test` and the default
 * variation changed from `on` to `off`, in one change.
 */
export const turnedOnInTestWithNewDefault = flagEntry({
  id: '1234',
  key: 'test-flag',
  accesses: [
    ['updateOn', 'test'],
    ['updateFallthrough', 'test'],
  ],
  description:
    '* Turned the flag on\n* Changed the default variation from ~~`on`~~ to `off`\n',
  previous: flagVersion('test-flag', {
    production: OFF,
    test: { on: false, fallthrough: { variation: 0 } },
  }),
  current: flagVersion('test-flag', {
    production: OFF,
    test: { on: true, fallthrough: { variation: 1 } },
  }),
});

/** Sentry's `test_launchdarkly_post_create`: a flag created in every environment. */
export const created = flagEntry({
  id: '1234',
  key: 'test-flag',
  date: 1729123465221,
  accesses: [
    ['createFlag', 'test'],
    ['createFlag', 'production'],
  ],
  titleVerb: 'created the flag',
  description: 'flag was created',
  current: flagVersion('test-flag', { production: OFF, test: OFF }),
});

/** The API reference's sample payload: an environment renamed, not a flag. */
export const environmentRenamed = {
  _links: {
    canonical: {
      href: '/api/v2/projects/alexis/environments/test',
      type: 'application/json',
    },
    parent: { href: '/api/v2/auditlog', type: 'application/json' },
    self: {
      href: '/api/v2/auditlog/57c0a8e29969090743529965',
      type: 'application/json',
    },
    site: { href: '/settings#/projects', type: 'text/html' },
  },
  _id: '57c0a8e29969090743529965',
  date: 1472243938774,
  accesses: [{ action: 'updateName', resource: 'proj/alexis:env/test' }],
  kind: 'environment',
  name: 'Testing',
  description: '- Changed the name from ~~Test~~ to *Testing*',
  member: {
    _links: {
      parent: { href: '/internal/account/members', type: 'application/json' },
      self: {
        href: '/internal/account/members/548f6741c1efad40031b18ae',
        type: 'application/json',
      },
    },
    _id: '548f6741c1efad40031b18ae',
    email: 'refapp@launchdarkly.com',
    firstName: 'Reese',
    lastName: 'Applebaum',
  },
  titleVerb: 'changed the name of',
  title:
    '[Reese Applebaum](mailto:refapp@launchdarkly.com) changed the name of [Testing](https://app.launchdarkly.com/settings#/projects)',
  target: {
    _links: {
      canonical: {
        href: '/api/v2/projects/alexis/environments/test',
        type: 'application/json',
      },
      site: { href: '/settings#/projects', type: 'text/html' },
    },
    name: 'Testing',
    resources: ['proj/alexis:env/test'],
  },
};

/** Every example, for the fuzz tests. */
export const examples: unknown[] = [
  turnedOn,
  turnedOff,
  rolledOutTo25,
  rulesUpdated,
  turnedOnInTestWithNewDefault,
  created,
  environmentRenamed,
];
