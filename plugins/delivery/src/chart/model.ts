/*
 * Pure mapping from the backend's answers to what the chart and the table draw: lanes,
 * marker and bucket positions, incident spans, outcomes, durations. No React here, so
 * every rule is unit-tested on its own.
 */
import {
  DEFAULT_PRODUCTION_ENVIRONMENTS,
  DeploymentEvent,
  DeploymentHealth,
  DeploymentOutcome,
  DeploymentVerdict,
  IncidentEvent,
  ListedDeployment,
  OutcomeCounts,
  rolloutOutcome,
  RolloutOutcome,
  rolloutStrategy,
  RolloutStrategy,
  Timeline,
  TimelineDeployment,
} from '@internal/backstage-plugin-delivery-common';
import { ChartFlagMark, flagMarks } from '../flags/flagMarks';

/** Display order of outcomes in legends and stacked buckets. */
export const outcomeOrder: DeploymentOutcome[] = [
  'success',
  'remediation',
  'rollback',
  'rolled_back',
  'failure',
  'cancelled',
  'in_progress',
];

export const outcomeLabels: Record<DeploymentOutcome, string> = {
  success: 'Success',
  failure: 'Failure',
  cancelled: 'Cancelled',
  in_progress: 'In progress',
  rolled_back: 'Rolled back',
  rollback: 'Rollback',
  remediation: 'Remediation',
};

/** Colour-blind-safe palette (Okabe-Ito), the same in light and dark themes. */
export const outcomeColors: Record<DeploymentOutcome, string> = {
  success: '#009E73',
  failure: '#D55E00',
  cancelled: '#999999',
  in_progress: '#56B4E9',
  rolled_back: '#CC79A7',
  rollback: '#E69F00',
  remediation: '#0072B2',
};

/** Environment names that count as production unless the backend says otherwise. */
export const defaultProductionEnvironments = DEFAULT_PRODUCTION_ENVIRONMENTS;

export const deploymentKey = (d: { source: string; id: string }) =>
  `${d.source}/${d.id}`;

/**
 * Outcome of a deployment from the list API. `rolledBack` is known when a later
 * deployment in the same answer names it in `rollbackOf` (the caller passes those ids).
 */
export function outcomeOf(
  deployment: Pick<
    DeploymentEvent,
    'status' | 'rollbackOf' | 'remediates' | 'source' | 'id'
  > & { rolledBack?: boolean },
  rolledBack?: Set<string>,
): DeploymentOutcome {
  if (deployment.status !== 'success') return deployment.status;
  if (deployment.rolledBack || rolledBack?.has(deploymentKey(deployment))) {
    return 'rolled_back';
  }
  if (deployment.rollbackOf) return 'rollback';
  if (deployment.remediates) return 'remediation';
  return 'success';
}

/** Keys of the deployments that some deployment of the list rolls back. */
export function rolledBackKeys(
  deployments: Array<Pick<DeploymentEvent, 'source' | 'rollbackOf'>>,
): Set<string> {
  return new Set(
    deployments
      .filter(d => d.rollbackOf)
      .map(d => deploymentKey({ source: d.source, id: d.rollbackOf! })),
  );
}

/** Production lanes first (in list order), then the others by name. */
export function compareEnvironments(
  a: string,
  b: string,
  production: string[] = defaultProductionEnvironments,
): number {
  const rank = (e: string) => {
    const i = production.indexOf(e.toLowerCase());
    return i === -1 ? production.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

export interface ChartMarker {
  key: string;
  x: number;
  outcome: DeploymentOutcome;
  deployment: TimelineDeployment;
  /** The health verdict of a production deployment, once known. */
  verdict?: DeploymentVerdict;
  /** A progressive rollout: how it shifted traffic and where it ended. */
  rollout?: { strategy: RolloutStrategy; outcome: RolloutOutcome };
}

export interface ChartSegment {
  outcome: DeploymentOutcome;
  count: number;
}

export interface ChartBucket {
  key: string;
  x: number;
  width: number;
  total: number;
  start: string;
  end: string;
  /** Non-empty outcomes in {@link outcomeOrder}. */
  segments: ChartSegment[];
}

export interface ChartLane {
  environment: string;
  production: boolean;
  total: number;
  outcomes: OutcomeCounts;
  markers: ChartMarker[];
  buckets: ChartBucket[];
  /** Feature-flag changes in this environment. */
  flags: ChartFlagMark[];
}

export interface ChartSpan {
  key: string;
  x: number;
  width: number;
  /** Still open at the end of the window (or now). */
  open: boolean;
  incident: IncidentEvent;
}

export interface ChartModel {
  fromMs: number;
  toMs: number;
  width: number;
  lanes: ChartLane[];
  spans: ChartSpan[];
  /** Largest bucket total, to scale bucket heights. */
  maxBucket: number;
  empty: boolean;
  /** The backend sent only the latest flag changes of the window. */
  flagsTruncated: boolean;
}

export interface ChartFilters {
  environments?: string[];
  outcomes?: DeploymentOutcome[];
}

/**
 * Maps a `/timeline` answer to pixel positions on a chart `width` pixels wide. Flag
 * changes go to their environment's lane; an environment with flag changes and no
 * deployments gets a lane of its own (production lanes first, the backend's order
 * kept). `verdicts` (by deployment key) mark the production markers.
 */
export function buildChartModel(
  timeline: Timeline,
  options: {
    width: number;
    now?: number;
    filters?: ChartFilters;
    verdicts?: Map<string, Pick<DeploymentHealth, 'verdict'>>;
  },
): ChartModel {
  const fromMs = Date.parse(timeline.from);
  const toMs = Date.parse(timeline.to);
  const { width } = options;
  const span = Math.max(1, toMs - fromMs);
  const x = (ms: number) =>
    Math.min(width, Math.max(0, ((ms - fromMs) / span) * width));
  const environments = options.filters?.environments?.length
    ? new Set(options.filters.environments)
    : undefined;
  const outcomes = options.filters?.outcomes?.length
    ? new Set(options.filters.outcomes)
    : undefined;

  const flagsByEnvironment = new Map<string, Timeline['flags']>();
  for (const flag of timeline.flags ?? []) {
    const list = flagsByEnvironment.get(flag.environment) ?? [];
    list.push(flag);
    flagsByEnvironment.set(flag.environment, list);
  }
  const known = new Set(timeline.environments.map(e => e.environment));
  const flagOnly = [...flagsByEnvironment.keys()]
    .filter(environment => !known.has(environment))
    .sort((a, b) => compareEnvironments(a, b))
    .map(environment => ({
      environment,
      production: defaultProductionEnvironments.includes(
        environment.toLocaleLowerCase('en-US'),
      ),
      total: 0,
      outcomes: {},
      mode: 'deployments' as const,
      deployments: [],
      buckets: [],
    }));
  // Production lanes first; within each group the backend's order, then flag-only lanes.
  const allEnvironments = [...timeline.environments, ...flagOnly]
    .map((e, index) => ({ e, index }))
    .sort(
      (a, b) =>
        Number(b.e.production) - Number(a.e.production) || a.index - b.index,
    )
    .map(({ e }) => e);

  const lanes: ChartLane[] = allEnvironments
    .filter(e => !environments || environments.has(e.environment))
    .map(e => {
      const markers = (e.mode === 'deployments' ? e.deployments ?? [] : [])
        .map((d): ChartMarker => {
          const key = deploymentKey(d);
          const strategy = rolloutStrategy(d.phases);
          const rollout = rolloutOutcome(d.phases);
          return {
            key,
            x: x(Date.parse(d.startedAt)),
            outcome: outcomeOf(d),
            deployment: d,
            ...(e.production && options.verdicts?.has(key)
              ? { verdict: options.verdicts.get(key)!.verdict }
              : {}),
            ...(strategy && rollout
              ? { rollout: { strategy, outcome: rollout } }
              : {}),
          };
        })
        .filter(m => !outcomes || outcomes.has(m.outcome));
      const buckets = (e.mode === 'buckets' ? e.buckets : [])
        .map(b => {
          const segments = outcomeOrder
            .filter(o => (b.outcomes[o] ?? 0) > 0)
            .filter(o => !outcomes || outcomes.has(o))
            .map(o => ({ outcome: o, count: b.outcomes[o]! }));
          const start = Date.parse(b.start);
          return {
            key: b.start,
            x: x(start),
            width: Math.max(1, x(Date.parse(b.end)) - x(start)),
            total: segments.reduce((sum, s) => sum + s.count, 0),
            start: b.start,
            end: b.end,
            segments,
          };
        })
        .filter(b => b.total > 0);
      return {
        environment: e.environment,
        production: e.production,
        total: e.total,
        outcomes: e.outcomes,
        markers,
        buckets,
        flags: flagMarks(flagsByEnvironment.get(e.environment) ?? [], x),
      };
    });

  const end = Math.min(toMs, options.now ?? toMs);
  const spans: ChartSpan[] = timeline.incidents.map(incident => {
    const opened = Date.parse(incident.openedAt);
    const resolved = incident.resolvedAt
      ? Date.parse(incident.resolvedAt)
      : undefined;
    const left = x(opened);
    const right = x(resolved ?? Math.max(end, opened));
    return {
      key: deploymentKey(incident),
      x: left,
      width: Math.max(2, right - left),
      open: resolved === undefined || resolved > toMs,
      incident,
    };
  });

  return {
    fromMs,
    toMs,
    width,
    lanes,
    spans,
    maxBucket: Math.max(1, ...lanes.flatMap(l => l.buckets.map(b => b.total))),
    empty: allEnvironments.length === 0,
    flagsTruncated: timeline.flagsTruncated ?? false,
  };
}

/** The instant under pixel `px` of a chart `width` wide showing [fromMs, toMs). */
export function instantAt(
  px: number,
  chart: { fromMs: number; toMs: number; width: number },
): number {
  const ratio = Math.min(1, Math.max(0, px / Math.max(1, chart.width)));
  return Math.round(chart.fromMs + ratio * (chart.toMs - chart.fromMs));
}

/** Buckets to ask for: about one per marker width, within the backend's limits. */
export function bucketsFor(width: number, markerPx = 8): number {
  return Math.min(1000, Math.max(10, Math.floor(width / markerPx)));
}

/** Milliseconds from start to finish, or undefined while running. */
export function durationMs(
  d: Pick<DeploymentEvent, 'startedAt' | 'finishedAt'>,
): number | undefined {
  if (!d.finishedAt) return undefined;
  return Date.parse(d.finishedAt) - Date.parse(d.startedAt);
}

/** What the table's lead time cell shows, and why on hover. */
export interface RowLeadTime {
  text: string;
  title: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The lead time cell of a deployment row, from the backend's `leadTimeHours` (the DORA
 * rule: the median over the commits this run was the first successful production
 * deployment of). Rows without it say why on hover instead of showing a number.
 */
export function rowLeadTime(
  d: Pick<
    ListedDeployment,
    'status' | 'commits' | 'leadTimeHours' | 'leadTimeChanges'
  >,
): RowLeadTime {
  if (d.leadTimeHours !== undefined) {
    const changes = d.leadTimeChanges ?? 0;
    return {
      text: formatDuration(d.leadTimeHours * 3_600_000),
      title: `Median from commit to this deployment over the ${plural(
        changes,
        'commit',
      )} it first brought to production`,
    };
  }
  if (d.status !== 'success') {
    return {
      text: '–',
      title: 'Only successful production deployments have a lead time',
    };
  }
  if (d.commits.length === 0) {
    return { text: '–', title: 'The source reported no commits' };
  }
  return {
    text: '–',
    title:
      'No lead time: not a production environment, or every commit was deployed to production before',
  };
}

/** The "Triggered by" cell: the source's word, else the first commit's author, labelled. */
export function triggerOf(
  d: Pick<DeploymentEvent, 'triggeredBy' | 'commits'>,
): { text: string; fallback: boolean } | undefined {
  if (d.triggeredBy) return { text: d.triggeredBy, fallback: false };
  const author = d.commits.find(c => c.author)?.author;
  return author ? { text: author, fallback: true } : undefined;
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '–';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    const rest = minutes % 60;
    return rest ? `${hours} h ${rest} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${days} d ${rest} h` : `${days} d`;
}

/** Client-side filters of the table (environment is also sent to the backend). */
export interface TableFilters {
  /** Of a system's or team's table: one of its components. */
  component?: string;
  environment?: string;
  source?: string;
  outcome?: DeploymentOutcome;
  /** Matches the version or a commit sha (prefix, case-insensitive). */
  search?: string;
}

export function filterDeployments(
  deployments: DeploymentEvent[],
  filters: TableFilters,
  rolledBack: Set<string> = rolledBackKeys(deployments),
): DeploymentEvent[] {
  const search = filters.search?.trim().toLowerCase();
  return deployments.filter(
    d =>
      (!filters.component || d.entityRef === filters.component) &&
      (!filters.environment || d.environment === filters.environment) &&
      (!filters.source || d.source === filters.source) &&
      (!filters.outcome || outcomeOf(d, rolledBack) === filters.outcome) &&
      (!search ||
        (d.version ?? '').toLowerCase().includes(search) ||
        d.commits.some(c => c.sha.toLowerCase().startsWith(search))),
  );
}

/** The latest deployment of each environment (input newest first), production first. */
/**
 * Environments the chart knows of (`/timeline` lanes) that a page of recent deployments
 * does not reach: a busy staging can push production's latest off the first page.
 */
export function missingEnvironments(
  listed: Pick<DeploymentEvent, 'environment'>[],
  known: string[],
): string[] {
  const seen = new Set(listed.map(d => d.environment));
  return [...new Set(known)].filter(environment => !seen.has(environment));
}

export function latestPerEnvironment(
  deployments: DeploymentEvent[],
): DeploymentEvent[] {
  const latest = new Map<string, DeploymentEvent>();
  for (const d of deployments) {
    if (!latest.has(d.environment)) latest.set(d.environment, d);
  }
  return [...latest.values()].sort((a, b) =>
    compareEnvironments(a.environment, b.environment),
  );
}
