import {
  EVENT_LIMITS,
  FlagAction,
} from '@internal/backstage-plugin-delivery-common';
import {
  FlagChange,
  FlagDeliveryMapping,
} from '@internal/backstage-plugin-delivery-node';
import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';
import { AuditEntry, parseAuditEntry } from './auditEntry';
import { releaseShare } from './releaseShare';

export const SOURCE_ID = 'launchdarkly';

/** Turning targeting on or off. */
const TOGGLE = 'updateOn';
/** Changes of the default rule (`fallthrough`): a percentage rollout lives there. */
const DEFAULT_RULE = new Set([
  'updateFallthrough',
  'updateFallthroughWithMeasuredRollout',
  'stopMeasuredRolloutOnFlagFallthrough',
]);
/** Changes of who gets what besides the default rule. */
const TARGETING = new Set([
  'updateRules',
  'updateRulesWithMeasuredRollout',
  'stopMeasuredRolloutOnFlagRule',
  'updateTargets',
  'updateExpiringTargets',
  'updatePrerequisites',
  'updateOffVariation',
]);
/** Another environment's settings copied over this one's: any of the above. */
const COPY = 'copyFlagConfigTo';

const releaseActions = new Set([TOGGLE, COPY, ...DEFAULT_RULE, ...TARGETING]);

/** `proj/<project>:env/<environment>:flag/<flag>`, each with optional `;tags`. */
const FLAG_RESOURCE =
  /^proj\/([^:;]+)(?:;[^:]*)?:env\/([^:;]+)(?:;[^:]*)?:flag\/([^:;]+)(?:;.*)?$/;

interface Touched {
  project: string;
  env: string;
  flagKey: string;
  actions: Set<string>;
}

/** The flag environments the entry changes with a release action, in order. */
function touchedEnvironments(entry: AuditEntry): Touched[] {
  const byEnv = new Map<string, Touched>();
  for (const { action, resource } of entry.accesses) {
    const match = FLAG_RESOURCE.exec(resource);
    if (!match || !releaseActions.has(action)) continue;
    const [, project, env, flagKey] = match;
    if (env === '*') continue;
    const touched = byEnv.get(env) ?? {
      project,
      env,
      flagKey,
      actions: new Set<string>(),
    };
    touched.actions.add(action);
    byEnv.set(env, touched);
  }
  return [...byEnv.values()];
}

const onIn = (version: AuditEntry['currentVersion'], env: string) =>
  version?.environments?.[env]?.on;

/** On or off after the change: the new version says, else the title's verb. */
function toggledTo(entry: AuditEntry, env: string): 'on' | 'off' | undefined {
  const on = onIn(entry.currentVersion, env);
  if (on !== undefined) return on ? 'on' : 'off';
  const verb = /\bturned (on|off)\b/i.exec(entry.titleVerb ?? '')?.[1];
  return verb ? (verb.toLowerCase() as 'on' | 'off') : undefined;
}

/**
 * What one environment's change did, most telling first: turned on or off; else a
 * default rule now releasing to another share of contexts (`rollout`); else any
 * other change of who gets what (`targeting`). A copy of another environment's
 * settings is read by what changed. `on` and `rollout` carry the share the default
 * rule releases to when the new version tells it (targets and rules are not
 * counted). Undefined: an `updateOn` whose outcome neither the new version nor the
 * title tells.
 */
function actionOf(
  entry: AuditEntry,
  touched: Touched,
): { action: FlagAction; percentage?: number } | undefined {
  const { actions, env } = touched;
  const copied = actions.has(COPY);
  const share = releaseShare(entry.currentVersion, env);
  const withShare = share === undefined ? {} : { percentage: share };
  const after = toggledTo(entry, env);
  const before = onIn(entry.previousVersion, env);
  const toggled =
    actions.has(TOGGLE) ||
    (copied && after && before !== undefined && (after === 'on') !== before);
  if (toggled) {
    if (after === 'on') return { action: 'on', ...withShare };
    return after && { action: after };
  }
  if (copied || [...actions].some(a => DEFAULT_RULE.has(a))) {
    if (
      share !== undefined &&
      share !== releaseShare(entry.previousVersion, env)
    ) {
      return { action: 'rollout', percentage: share };
    }
  }
  return { action: 'targeting' };
}

/** `<entry id>:<environment>`; one too long for the schema keeps its start and a hash of it all. */
function eventId(entryId: string, env: string): string {
  const id = `${entryId}:${env}`;
  if (id.length <= EVENT_LIMITS.id) return id;
  const hash = createHash('sha256').update(id).digest('hex');
  return `${id.slice(0, EVENT_LIMITS.id - hash.length - 1)}~${hash}`;
}

/** Who made the change: the member's email or name, else the API token or app. */
function authorOf(entry: AuditEntry): string | undefined {
  const { member } = entry;
  const name = [member?.firstName, member?.lastName].filter(Boolean).join(' ');
  const author =
    member?.email ||
    name ||
    entry.subject?.name ||
    entry.token?.name ||
    entry.app?.name;
  return author ? author.slice(0, EVENT_LIMITS.author) : undefined;
}

/** The flag's page in one environment of the LaunchDarkly app, when it fits the schema. */
function flagUrl(appBaseUrl: string, touched: Touched): string | undefined {
  const path = [touched.project, touched.env, 'features', touched.flagKey]
    .map(encodeURIComponent)
    .join('/');
  const url = `${appBaseUrl}/${path}`;
  return url.length <= EVENT_LIMITS.url ? url : undefined;
}

/**
 * A LaunchDarkly webhook delivery (an audit log entry) as flag events: one per
 * environment a release action touched, `<entry id>:<environment>` (the entry id is
 * LaunchDarkly's, so a redelivery updates the same events). Entries about other
 * resources (environments, segments, members) and flag changes that release
 * nothing (a new name, tags, a flag created off) hold none.
 */
export function mapAuditEntry(
  payload: unknown,
  options: { appBaseUrl: string },
): FlagDeliveryMapping {
  const entry = parseAuditEntry(payload);
  if ('invalid' in entry) return entry;
  const what = `LaunchDarkly audit log entry ${entry._id}`;
  if (entry.kind !== 'flag') {
    return { what, skipped: `not a flag: kind ${entry.kind}` };
  }
  const touched = touchedEnvironments(entry);
  if (touched.length === 0) {
    const actions = [...new Set(entry.accesses.map(a => a.action))];
    return {
      what,
      skipped: `no release in its actions (${actions.join(', ') || 'none'})`,
    };
  }
  const at = DateTime.fromMillis(entry.date, { zone: 'utc' }).toISO()!;
  const author = authorOf(entry);
  const changes: FlagChange[] = [];
  const unknown: string[] = [];
  for (const env of touched) {
    const outcome = actionOf(entry, env);
    if (!outcome) {
      unknown.push(env.env);
      continue;
    }
    const url = flagUrl(options.appBaseUrl, env);
    changes.push({
      project: env.project,
      event: {
        kind: 'flag',
        source: SOURCE_ID,
        id: eventId(entry._id, env.env),
        flagKey: env.flagKey,
        environment: env.env,
        ...outcome,
        at,
        ...(author ? { author } : {}),
        ...(url ? { url } : {}),
      },
    });
  }
  if (changes.length === 0) {
    return {
      what,
      skipped: `updateOn in ${unknown.join(
        ', ',
      )} without a current version or title saying on or off`,
    };
  }
  return { what, changes };
}
