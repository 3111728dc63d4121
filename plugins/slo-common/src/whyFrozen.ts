/**
 * Why a component is frozen (the `slo:why-frozen` action): the burns that consumed the
 * most error budget, and the production deployments that finished in or just before
 * them. Pure functions over an objective's indicator series, so the explanation is
 * built next to the math and tested by hand.
 *
 * A step's burn rate is its error ratio over the budget B = 1 - target:
 * `(1 - value) / B`. A burn is a run of consecutive steps burning faster than
 * `minBurnRate` (default 1: faster than the budget can sustain); it consumed
 * `sum(burn rate * step length) / window length` of the budget (even traffic assumed:
 * the indicator series has no per-step volume). A step without data ends a burn.
 */
import { SeriesPoint } from './api';
import { clean } from './format';

/** One run of steps that burned the budget faster than it can sustain. */
export interface BudgetBurn {
  entityRef: string;
  objectiveId: string;
  /** Start of the first burning step and end of the last (ISO-8601, UTC). */
  from: string;
  to: string;
  /** Share of the objective's whole-window budget the burn consumed (0..). */
  consumed: number;
  /** Highest step burn rate in the burn. */
  peakBurnRate: number;
}

/** What `findBudgetBurns` needs of an objective report. */
export interface BurnInput {
  entityRef: string;
  objectiveId: string;
  /** B = 1 - target. */
  budget: number;
  /** The objective's window. */
  windowFrom: string;
  windowTo: string;
  /** Per-step indicator values (1 - error ratio), each at the end of its step. */
  indicatorSeries: SeriesPoint[];
}

const ms = (iso: string) => Date.parse(iso);

/** The burns of one objective, oldest first. */
export function findBudgetBurns(
  input: BurnInput,
  options: { minBurnRate?: number } = {},
): BudgetBurn[] {
  const minBurnRate = options.minBurnRate ?? 1;
  const windowMs = ms(input.windowTo) - ms(input.windowFrom);
  if (!(input.budget > 0) || !(windowMs > 0)) return [];
  const burns: BudgetBurn[] = [];
  let current:
    | { from: number; to: number; burned: number; peak: number }
    | undefined;
  const close = () => {
    if (!current) return;
    burns.push({
      entityRef: input.entityRef,
      objectiveId: input.objectiveId,
      from: new Date(current.from).toISOString(),
      to: new Date(current.to).toISOString(),
      consumed: clean(current.burned / windowMs),
      peakBurnRate: clean(current.peak),
    });
    current = undefined;
  };
  let stepStart = ms(input.windowFrom);
  for (const point of input.indicatorSeries) {
    const end = ms(point.t);
    const rate = point.value === null ? null : (1 - point.value) / input.budget;
    if (rate !== null && rate > minBurnRate && end > stepStart) {
      current = current ?? { from: stepStart, to: end, burned: 0, peak: 0 };
      current.to = end;
      current.burned += rate * (end - stepStart);
      current.peak = Math.max(current.peak, rate);
    } else {
      close();
    }
    stepStart = end;
  }
  close();
  return burns;
}

/** The `limit` burns that consumed the most budget, over all objectives; largest first. */
export function biggestBurns(
  inputs: BurnInput[],
  options: { limit?: number; minBurnRate?: number } = {},
): BudgetBurn[] {
  return inputs
    .flatMap(input => findBudgetBurns(input, options))
    .sort(
      (a, b) =>
        b.consumed - a.consumed ||
        a.from.localeCompare(b.from) ||
        a.objectiveId.localeCompare(b.objectiveId),
    )
    .slice(0, options.limit ?? 3);
}

/** The fields of a delivery deployment the explanation reads. */
export interface BurnDeployment {
  id: string;
  source: string;
  environment: string;
  status: string;
  finishedAt?: string | null;
  version?: string | null;
  url?: string | null;
}

/** A burn with the production deployments that finished in it or just before it. */
export interface ExplainedBurn extends BudgetBurn {
  deployments: BurnDeployment[];
  /** One sentence for people and agents. */
  explanation: string;
}

/**
 * Pairs each burn with the successful production deployments that finished in
 * [burn.from - lookbackMs, burn.to] (newest first). `deployments` undefined means the
 * delivery backend could not be asked: the explanation says so instead of "none".
 */
export function explainBurns(
  burns: BudgetBurn[],
  deployments: BurnDeployment[] | undefined,
  options: { productionEnvironments: string[]; lookbackMs: number },
): ExplainedBurn[] {
  const production = new Set(
    options.productionEnvironments.map(e => e.toLowerCase()),
  );
  return burns.map(burn => {
    const from = ms(burn.from) - options.lookbackMs;
    const to = ms(burn.to);
    const matched = (deployments ?? [])
      .filter(
        d =>
          d.status === 'success' &&
          production.has(d.environment.toLowerCase()) &&
          !!d.finishedAt &&
          ms(d.finishedAt) >= from &&
          ms(d.finishedAt) <= to,
      )
      .sort((a, b) => ms(b.finishedAt!) - ms(a.finishedAt!));
    const what = `${burn.objectiveId} burned ${percent(
      burn.consumed,
    )} of its budget from ${burn.from} to ${burn.to} (peak ${round(
      burn.peakBurnRate,
    )}x)`;
    let cause: string;
    if (deployments === undefined) {
      cause = 'deployments unknown: the delivery backend did not answer';
    } else if (matched.length === 0) {
      cause = 'no production deployment finished in it or just before it';
    } else {
      cause = `production deployments in it or just before it: ${matched
        .map(
          d =>
            `${d.id}${d.version ? ` (${d.version})` : ''} at ${d.finishedAt}`,
        )
        .join(', ')}`;
    }
    return { ...burn, deployments: matched, explanation: `${what}; ${cause}` };
  });
}

function percent(share: number): string {
  return `${round(share * 100)}%`;
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}
