import { checkKinds, CheckResult, CheckStatus, Pillar } from './checks';
import type { ComponentFacts } from './facts';
import type { Rubric, RubricCheck } from './rubric';

/** One check of the rubric as decided for a component. */
export interface EvaluatedCheck extends CheckResult {
  id: string;
  title: string;
  pillar: Pillar;
  level: number;
  weight: number;
  remedy?: string;
}

/** A component's maturity: its level, every check, and what gets it to the next. */
export interface ComponentMaturity {
  entityRef: string;
  /** 0 until every level-1 check passes. */
  level: number;
  levelName?: string;
  checks: EvaluatedCheck[];
  /** The next level, absent at the top. */
  nextLevel?: number;
  /** The next level's checks that hold it back (failing first, heaviest first). */
  nextSteps: EvaluatedCheck[];
}

/** A check counts towards a level when it passes or does not apply. */
const counts = (status: CheckStatus) =>
  status === 'pass' || status === 'not-applicable';

export function evaluateCheck(
  check: RubricCheck,
  facts: ComponentFacts,
  now: string,
): EvaluatedCheck {
  const kind = checkKinds[check.kind];
  // The rubric was validated, so its params parse; defaults are filled in here.
  const params = kind.params.parse(check.params) as never;
  const result = kind.evaluate({ facts, now }, params);
  return {
    ...result,
    id: check.id,
    title: check.title,
    pillar: check.pillar,
    level: check.level,
    weight: check.weight,
    remedy: check.remedy,
  };
}

/**
 * The level a component reaches: the highest level L such that every check of the
 * levels 1..L passes or does not apply. An unknown check holds the level back like a
 * failing one (a level is awarded on evidence) but is listed as unknown, not failed.
 */
export function levelOf(checks: EvaluatedCheck[], levels: number): number {
  let reached = 0;
  for (let level = 1; level <= levels; level++) {
    const ofLevel = checks.filter(c => c.level === level);
    if (!ofLevel.every(c => counts(c.status))) break;
    reached = level;
  }
  return reached;
}

const statusOrder: Record<CheckStatus, number> = {
  fail: 0,
  unknown: 1,
  'not-applicable': 2,
  pass: 3,
};

/** The checks holding a level back, most impactful first. */
export function blockingChecks(
  checks: EvaluatedCheck[],
  level: number,
): EvaluatedCheck[] {
  return checks
    .filter(c => c.level === level && !counts(c.status))
    .sort(
      (a, b) =>
        statusOrder[a.status] - statusOrder[b.status] ||
        b.weight - a.weight ||
        a.id.localeCompare(b.id),
    );
}

export function evaluateComponent(
  rubric: Rubric,
  facts: ComponentFacts,
  now: string,
): ComponentMaturity {
  const checks = rubric.checks.map(check => evaluateCheck(check, facts, now));
  const level = levelOf(checks, rubric.levels.length);
  const nextLevel = level < rubric.levels.length ? level + 1 : undefined;
  return {
    entityRef: facts.entityRef,
    level,
    levelName: rubric.levels[level - 1]?.name,
    checks,
    nextLevel,
    nextSteps: nextLevel ? blockingChecks(checks, nextLevel) : [],
  };
}

/** How the components of a team (or system, or the organisation) stand. */
export interface MaturityRollup {
  components: number;
  /**
   * The level every component reaches (the lowest); null without components: a team
   * owning nothing has no level, not level 0.
   */
  level: number | null;
  /** Components per level, index = level. */
  distribution: number[];
  /** Per check: how many components pass, fail, don't apply or are unknown. */
  checks: {
    id: string;
    title: string;
    level: number;
    pillar: Pillar;
    weight: number;
    counts: Record<CheckStatus, number>;
  }[];
  /**
   * What gets the whole group to its next level: the next level's checks, by how many
   * of the components below that level they hold back (then weight).
   */
  nextSteps: {
    id: string;
    title: string;
    holdingBack: number;
    remedy?: string;
  }[];
}

/**
 * Rolls components up into a group's maturity. Child teams that differ pool their
 * components, so the group stands where its least mature component stands, and the
 * distribution shows the rest; never an average of levels.
 */
export function rollup(
  rubric: Rubric,
  components: ComponentMaturity[],
): MaturityRollup {
  const levels = rubric.levels.length;
  const distribution = Array.from({ length: levels + 1 }, () => 0);
  for (const c of components) distribution[c.level] += 1;
  const level =
    components.length === 0 ? null : Math.min(...components.map(c => c.level));
  const checks = rubric.checks.map(check => {
    const tally: Record<CheckStatus, number> = {
      pass: 0,
      fail: 0,
      'not-applicable': 0,
      unknown: 0,
    };
    for (const c of components) {
      const result = c.checks.find(r => r.id === check.id);
      if (result) tally[result.status] += 1;
    }
    return {
      id: check.id,
      title: check.title,
      level: check.level,
      pillar: check.pillar,
      weight: check.weight,
      counts: tally,
    };
  });
  const next = level === null || level >= levels ? undefined : level + 1;
  const nextSteps = next
    ? rubric.checks
        .filter(check => check.level === next)
        .map(check => ({
          id: check.id,
          title: check.title,
          remedy: check.remedy,
          weight: check.weight,
          holdingBack: components.filter(
            c =>
              c.level < next &&
              c.checks.some(r => r.id === check.id && !counts(r.status)),
          ).length,
        }))
        .filter(step => step.holdingBack > 0)
        .sort(
          (a, b) =>
            b.holdingBack - a.holdingBack ||
            b.weight - a.weight ||
            a.id.localeCompare(b.id),
        )
        .map(({ weight: _weight, ...step }) => step)
    : [];
  return {
    components: components.length,
    level,
    distribution,
    checks,
    nextSteps,
  };
}
