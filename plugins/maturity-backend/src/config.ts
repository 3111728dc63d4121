import { Config, readDurationFromConfig } from '@backstage/config';
import {
  defaultRubric,
  Initiative,
  initiativeSchema,
  parseRubric,
  Rubric,
} from '@internal/backstage-plugin-maturity-common';
import { HumanDuration } from '@backstage/types';
import { Duration } from 'luxon';
import { z } from 'zod';

export interface MaturityConfig {
  rubric: Rubric;
  initiatives: Initiative[];
  collection: {
    frequency: HumanDuration;
    initialDelay: HumanDuration;
    /** Refs per provider call (a provider's own batchSize may be lower). */
    batchSize: number;
    /** Last good facts older than this are no longer used: the domain is unknown. */
    maxFactAgeMs: number;
  };
}

export const DEFAULT_FREQUENCY: HumanDuration = { minutes: 30 };
/** Soon after start, so a new portal shows levels within a minute. */
export const DEFAULT_INITIAL_DELAY: HumanDuration = { seconds: 20 };
export const DEFAULT_BATCH_SIZE = 100;
export const DEFAULT_MAX_FACT_AGE: HumanDuration = { days: 7 };

/** What is wrong with an initiative's target against the rubric, if anything. */
function targetProblem(
  { target }: Initiative,
  rubric: Rubric,
  checkIds: Set<string>,
): string | undefined {
  if ('level' in target) {
    return target.level > rubric.levels.length
      ? `target.level: no level ${target.level} in the rubric`
      : undefined;
  }
  const unknown = target.checks.find(id => !checkIds.has(id));
  return unknown
    ? `target.checks: no check ${unknown} in the rubric`
    : undefined;
}

const durationAt = (config: Config, key: string, fallback: HumanDuration) =>
  config.has(key) ? readDurationFromConfig(config, { key }) : fallback;

/** Reads `maturity.*` once at start; a bad rubric or initiative stops the start, naming the field. */
export function readMaturityConfig(config: Config): MaturityConfig {
  const rubric = config.has('maturity.rubric')
    ? parseRubric(config.get('maturity.rubric'))
    : defaultRubric;
  const initiatives = z
    .array(initiativeSchema)
    .safeParse(config.getOptional('maturity.initiatives') ?? []);
  if (!initiatives.success) {
    throw new TypeError(
      `Invalid maturity.initiatives: ${initiatives.error.issues
        .map(
          i => `${['maturity.initiatives', ...i.path].join('.')}: ${i.message}`,
        )
        .join('; ')}`,
    );
  }
  const ids = initiatives.data.map(i => i.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) {
    throw new TypeError(
      `Invalid maturity.initiatives: duplicate id ${duplicate}`,
    );
  }
  const checkIds = new Set(rubric.checks.map(c => c.id));
  initiatives.data.forEach((initiative, i) => {
    const bad = targetProblem(initiative, rubric, checkIds);
    if (bad) {
      throw new TypeError(
        `Invalid maturity.initiatives: maturity.initiatives.${i}.${bad}`,
      );
    }
  });
  const batchSize =
    config.getOptionalNumber('maturity.collection.batchSize') ??
    DEFAULT_BATCH_SIZE;
  if (!(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 1000)) {
    throw new TypeError(
      'maturity.collection.batchSize: must be a whole number from 1 to 1000',
    );
  }
  return {
    rubric,
    initiatives: initiatives.data,
    collection: {
      frequency: durationAt(
        config,
        'maturity.collection.frequency',
        DEFAULT_FREQUENCY,
      ),
      initialDelay: durationAt(
        config,
        'maturity.collection.initialDelay',
        DEFAULT_INITIAL_DELAY,
      ),
      batchSize,
      maxFactAgeMs: Duration.fromObject(
        durationAt(
          config,
          'maturity.collection.maxFactAge',
          DEFAULT_MAX_FACT_AGE,
        ),
      ).toMillis(),
    },
  };
}
