/**
 * The explanation next to every figure: the formula with its numbers, the window, the
 * counts, the queries, and for budget figures the budget model that produced them.
 */
import { FigureExplanation } from './api';
import { ModelStatus } from './budgetModel';
import { DataQuality } from './dataQuality';
import { formatDuration } from './duration';
import { RecentFigures } from './figures';
import { humanMs, iso, num } from './format';
import { SloObjective } from './model';
import { CountSeriesData, EvaluationWindow } from './plan';
import { StateVerdict } from './state';
import { Tally } from './tally';

const HOUR_MS = 3_600_000;

export interface ExplainInput {
  objective: SloObjective;
  now: number;
  window: EvaluationWindow;
  series: CountSeriesData;
  recentQueries: string[];
  tally: Tally;
  status: ModelStatus;
  /** Timeslices: slices elapsed and without data. */
  slices?: { elapsed: number; missing: number };
  dataQuality: DataQuality;
  recent: RecentFigures;
  verdict: StateVerdict;
}

/** Which model, in words: the first line of every budget figure's explanation. */
export function describeModel(input: ExplainInput): string {
  const { status, window } = input;
  if (status.model === 'timeslices') {
    return `timeslices model: ${status.slicesInWindow} slices of ${humanMs(
      window.sliceMs,
    )} aligned to the clock in the ${humanMs(
      window.lengthMs,
    )} window, which may hold B * ${
      status.slicesInWindow
    } bad slices; slices without data are neither good nor bad`;
  }
  if (status.model === 'calendar') {
    return `calendar model: the budget is the whole period's (${humanMs(
      window.lengthMs,
    )}), with the events so far (${humanMs(
      window.elapsedMs,
    )}) extrapolated to the period`;
  }
  return `rolling model: the budget of the last ${humanMs(
    window.lengthMs,
  )} is B * the events in it`;
}

function budgetFormulas(input: ExplainInput) {
  const { status, tally: t, window } = input;
  const B = num(status.budget);
  const ratio = num(status.errorRatio);
  const rate = num(input.recent.currentBurnRate);
  const windowText = humanMs(window.lengthMs);
  // `span` names the budget's span: the rolling window or the calendar period.
  const fullOutage = (span: string) =>
    `time left (full outage) = remaining * B * ${span} = ${num(
      status.remaining,
    )} * ${B} * ${windowText} = ${humanMs(status.timeLeftMs)}`;
  const exhaustion = (span: string) =>
    `time to exhaustion = remaining * ${span} / current burn rate = ${num(
      status.remaining,
    )} * ${windowText} / ${rate} = ${humanMs(status.timeToExhaustionMs)}`;
  if (status.model === 'timeslices') {
    return {
      remaining: `budget remaining = 1 - bad slices / (B * slices in window) = 1 - ${
        t.slices.bad
      } / (${B} * ${status.slicesInWindow}) = ${num(status.remaining)}`,
      badLeft: `bad slices left = B * (window / slice) - bad slices = ${B} * ${
        status.slicesInWindow
      } - ${t.slices.bad} = ${num(status.badLeft)}`,
      timeLeft: `time left = bad slices left * slice = ${num(
        status.badLeft,
      )} * ${humanMs(window.sliceMs)} = ${humanMs(status.timeLeftMs)}`,
      exhaustion: exhaustion('window'),
    };
  }
  if (status.model === 'calendar') {
    const elapsed = humanMs(window.elapsedMs);
    return {
      remaining: `budget remaining = 1 - (error ratio / B) * (elapsed / period) = 1 - (${ratio} / ${B}) * (${elapsed} / ${windowText}) = ${num(
        status.remaining,
      )}`,
      badLeft: `bad events left = B * total * period / elapsed - bad = ${B} * ${
        t.total
      } * ${windowText} / ${elapsed} - ${t.bad} = ${num(status.badLeft)}`,
      timeLeft: fullOutage('period'),
      exhaustion: exhaustion('period'),
    };
  }
  return {
    remaining: `budget remaining = 1 - error ratio / B = 1 - ${ratio} / ${B} = ${num(
      status.remaining,
    )}`,
    badLeft: `bad events left = B * total - bad = ${B} * ${t.total} - ${
      t.bad
    } = ${num(status.badLeft)}`,
    timeLeft: fullOutage('window'),
    exhaustion: exhaustion('window'),
  };
}

function ratioText(input: ExplainInput): string {
  const { objective, tally: t } = input;
  if (objective.budgeting.method === 'timeslices') {
    return `bad slices / judged slices = ${t.slices.bad} / ${
      t.slices.good + t.slices.bad
    }`;
  }
  if (objective.indicator.kind === 'recordedRatio') {
    // Readings of a recorded ratio, not requests: say so where the figure is read.
    return `sum(recorded ratio readings) / readings (time-weighted: one event per minute, not per request) = ${num(
      t.bad,
    )} / ${t.total}`;
  }
  return `sum(bad) / sum(total) = ${t.bad} / ${t.total}`;
}

export function explainFigures(
  input: ExplainInput,
): Record<string, FigureExplanation> {
  const { objective, now, window, series, status, tally: t, recent } = input;
  const explanations: Record<string, FigureExplanation> = {};
  const counts = { good: t.good, bad: t.bad, total: t.total };
  const model = describeModel(input);
  const explain = (
    key: string,
    formula: string,
    extra: Partial<FigureExplanation> = {},
  ) => {
    explanations[key] = {
      formula,
      from: iso(window.start),
      to: iso(window.end),
      queries: series.queries,
      ...extra,
    };
  };
  const dq = input.dataQuality;
  explain(
    'dataQuality',
    `${dq.status}: ${dq.reason}; ${t.present} of ${
      series.expectedPoints
    } steps of ${humanMs(series.stepMs)} have samples (coverage ${num(
      dq.coverage,
    )})${
      dq.lowTraffic
        ? `; low traffic: B * total = ${num(status.budget)} * ${
            t.total
          } = ${num(status.budget * t.total)} allowed bad events`
        : ''
    }`,
    { counts },
  );
  const B = num(status.budget);
  const f = budgetFormulas(input);
  explain(
    'budgetTotal',
    `B = 1 - target = 1 - ${num(objective.target)} = ${B}`,
    {
      model,
    },
  );
  explain(
    'errorRatio',
    `error ratio = ${ratioText(input)} = ${num(status.errorRatio)}`,
    { counts },
  );
  explain(
    'sli',
    `SLI = 1 - error ratio = 1 - ${num(status.errorRatio)} = ${num(
      status.sli,
    )}${
      objective.budgeting.method === 'timeslices'
        ? ` (a ${formatDuration(
            objective.budgeting.sliceWindow,
          )} slice is good when its ratio >= ${num(
            objective.budgeting.sliceTarget,
          )})`
        : ''
    }`,
    { counts },
  );
  explain(
    'windowBurnRate',
    `burn rate = error ratio / B = ${num(status.errorRatio)} / ${B} = ${num(
      status.burnRate,
    )}`,
    { counts, model },
  );
  explain('budgetRemaining', f.remaining, { counts, model });
  explain(
    'budgetConsumed',
    `budget consumed = 1 - remaining = 1 - ${num(status.remaining)} = ${num(
      status.consumed,
    )}`,
    { counts, model },
  );
  explain('badEventsLeft', f.badLeft, { counts, model });
  explain('timeLeft', f.timeLeft, { model });
  if (input.slices) {
    explain(
      'slices',
      `slices so far: ${t.slices.good} good, ${t.slices.bad} bad, ${input.slices.missing} without data, of ${input.slices.elapsed} elapsed (${status.slicesInWindow} in the window)`,
      { model },
    );
  }
  const lastHour = recent.lastHour;
  explain(
    'currentBurnRate',
    `current burn rate = error ratio over the last 1h / B = ${num(
      recent.currentRatio,
    )} / ${B} = ${num(recent.currentBurnRate)}`,
    {
      from: iso(window.end - HOUR_MS),
      counts: lastHour
        ? { good: lastHour.good, bad: lastHour.bad, total: lastHour.total }
        : undefined,
      queries: input.recentQueries,
    },
  );
  explain('timeToExhaustion', f.exhaustion, { model });
  explain(
    'burnRates',
    `tiers scaled with W = ${humanMs(recent.tierWindowMs)}${
      objective.window.kind === 'calendar'
        ? ' (the nominal length of the calendar period, as in the generated rules)'
        : ''
    }: ${recent.tiers.map(tier => tier.tier).join(', ') || 'none'} evaluated${
      recent.dropped.length > 0
        ? `; ${recent.dropped.map(d => d.reason).join('; ')}`
        : ''
    }`,
    { from: iso(now - recent.tierWindowMs), queries: input.recentQueries },
  );
  for (const tier of recent.tiers) {
    explain(
      `burnRate:${tier.tier}`,
      `fires when both burn rates >= p * window / long window = ${num(
        tier.budgetShare,
      )} * ${humanMs(recent.tierWindowMs)} / ${humanMs(
        tier.longWindowMs,
      )} = ${num(tier.threshold)}; long (${humanMs(tier.longWindowMs)}) = ${num(
        tier.longBurnRate,
      )}, short (${humanMs(tier.shortWindowMs)}) = ${num(
        tier.shortBurnRate,
      )}: ${tier.state}`,
      {
        from: iso(window.end - tier.longWindowMs),
        queries: input.recentQueries,
      },
    );
  }
  explain('state', `${input.verdict.state}: ${input.verdict.reason}`);
  explain('frozen', input.verdict.frozenReason);
  return explanations;
}
