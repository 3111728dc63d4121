import { parseAllDocuments } from 'yaml';
import {
  describeDuration,
  formatDuration,
  isFixedDuration,
  parseDuration,
  SloDuration,
} from '../duration';
import {
  BurnRateTierName,
  MetricQuery,
  SloBudgeting,
  SloDefinitionError,
  SloImportResult,
  SloIndicator,
  SloObjective,
  SloWindow,
} from '../model';
import { percentToRatio } from '../target';
import { isCalendarDuration, isValidTimeZone } from '../windows';

/** Our own annotation prefix (`openslo.com/` is reserved by OpenSLO). */
export const SLO_ANNOTATION_PREFIX = 'slo.acme-portal.io/';
/** Comma-separated tier names to evaluate, or `none`. */
export const BURN_RATE_TIERS_ANNOTATION = `${SLO_ANNOTATION_PREFIX}burn-rate-tiers`;

const TIER_NAMES: BurnRateTierName[] = [
  'page-fast',
  'page-slow',
  'ticket-fast',
  'ticket-slow',
];
const IGNORED_KINDS = [
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
];
const THRESHOLD_OPS = ['lt', 'lte', 'gt', 'gte'] as const;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects errors for one document. */
class DocumentContext {
  constructor(
    readonly document: number,
    readonly kind: string | undefined,
    readonly name: string | undefined,
    private readonly errors: SloDefinitionError[],
  ) {}

  error(path: string, message: string): undefined {
    this.errors.push({
      document: this.document,
      kind: this.kind,
      name: this.name,
      path,
      message,
    });
    return undefined;
  }
}

interface ParsedDocument {
  index: number;
  kind: string;
  name: string;
  metadata: Json;
  spec: Json;
}

interface DataSourceInfo {
  type?: string;
}

function readQuery(
  ctx: DocumentContext,
  value: unknown,
  path: string,
  dataSources: Map<string, DataSourceInfo>,
): MetricQuery | undefined {
  if (!isObject(value) || !isObject(value.metricSource)) {
    return ctx.error(`${path}.metricSource`, 'required');
  }
  const source = value.metricSource;
  const spec = source.spec;
  if (!isObject(spec) || typeof spec.query !== 'string' || !spec.query.trim()) {
    return ctx.error(
      `${path}.metricSource.spec.query`,
      'required: a query string',
    );
  }
  const sourceRef =
    typeof source.metricSourceRef === 'string'
      ? source.metricSourceRef
      : undefined;
  if (
    sourceRef &&
    !dataSources.has(sourceRef) &&
    typeof source.type !== 'string'
  ) {
    return ctx.error(
      `${path}.metricSource.metricSourceRef`,
      `DataSource "${sourceRef}" is not defined and no type is given`,
    );
  }
  const referencedType = sourceRef
    ? dataSources.get(sourceRef)?.type
    : undefined;
  const sourceType =
    typeof source.type === 'string' ? source.type : referencedType;
  return {
    query: spec.query,
    ...(sourceType ? { sourceType } : {}),
    ...(sourceRef ? { sourceRef } : {}),
  };
}

/** Reads an SLI spec; threshold indicators need the objective's op and value. */
function readIndicator(
  ctx: DocumentContext,
  sliSpec: unknown,
  path: string,
  dataSources: Map<string, DataSourceInfo>,
  objective: Json,
  objectivePath: string,
): SloIndicator | undefined {
  if (!isObject(sliSpec)) {
    return ctx.error(path, 'required: an SLI spec');
  }
  if (isObject(sliSpec.ratioMetric)) {
    const ratio = sliSpec.ratioMetric;
    const ratioPath = `${path}.ratioMetric`;
    if (ratio.raw !== undefined) {
      // A precomputed error ratio (what the portal exports for Sloth's recordings):
      // time-weighted, see RecordedRatioIndicator.
      if (ratio.rawType !== 'failure') {
        return ctx.error(
          `${ratioPath}.rawType`,
          "only failure raw ratios (an error ratio such as Sloth's slo:sli_error:ratio_rate5m) are supported",
        );
      }
      const errorRatio = readQuery(
        ctx,
        ratio.raw,
        `${ratioPath}.raw`,
        dataSources,
      );
      return errorRatio ? { kind: 'recordedRatio', errorRatio } : undefined;
    }
    if ((ratio.good === undefined) === (ratio.bad === undefined)) {
      return ctx.error(
        ratioPath,
        'needs exactly one of good or bad, and total',
      );
    }
    const total = readQuery(
      ctx,
      ratio.total,
      `${ratioPath}.total`,
      dataSources,
    );
    const countKey = ratio.good !== undefined ? 'good' : 'bad';
    const count = readQuery(
      ctx,
      ratio[countKey],
      `${ratioPath}.${countKey}`,
      dataSources,
    );
    if (!total || !count) {
      return undefined;
    }
    return { kind: 'ratio', [countKey]: count, total };
  }
  if (isObject(sliSpec.thresholdMetric)) {
    const query = readQuery(
      ctx,
      sliSpec.thresholdMetric,
      `${path}.thresholdMetric`,
      dataSources,
    );
    const op = objective.op;
    const value = objective.value;
    if (!THRESHOLD_OPS.includes(op as (typeof THRESHOLD_OPS)[number])) {
      ctx.error(
        `${objectivePath}.op`,
        'required for a thresholdMetric: lt, lte, gt or gte',
      );
    }
    if (typeof value !== 'number') {
      ctx.error(
        `${objectivePath}.value`,
        'required for a thresholdMetric: a number',
      );
    }
    if (
      !query ||
      typeof value !== 'number' ||
      !THRESHOLD_OPS.includes(op as any)
    ) {
      return undefined;
    }
    return {
      kind: 'threshold',
      query,
      op: op as (typeof THRESHOLD_OPS)[number],
      value,
    };
  }
  return ctx.error(path, 'needs ratioMetric or thresholdMetric');
}

function readDuration(
  ctx: DocumentContext,
  value: unknown,
  path: string,
): SloDuration | undefined {
  if (typeof value !== 'string') {
    return ctx.error(path, 'required: a duration such as 28d or 1M');
  }
  try {
    return parseDuration(value);
  } catch (e) {
    return ctx.error(path, (e as Error).message);
  }
}

function readWindow(ctx: DocumentContext, spec: Json): SloWindow | undefined {
  const windows = spec.timeWindow;
  if (
    !Array.isArray(windows) ||
    windows.length !== 1 ||
    !isObject(windows[0])
  ) {
    return ctx.error(
      'spec.timeWindow',
      'required: a list with exactly one window',
    );
  }
  const window = windows[0];
  const path = 'spec.timeWindow[0]';
  const duration = readDuration(ctx, window.duration, `${path}.duration`);
  if (!duration) {
    return undefined;
  }
  if (window.isRolling === true) {
    if (!isFixedDuration(duration)) {
      return ctx.error(
        `${path}.duration`,
        `a rolling window needs a fixed length (s, m, h, d, w); ${formatDuration(
          duration,
        )} is ${describeDuration(
          duration,
        )}: use isRolling: false with a calendar`,
      );
    }
    return { kind: 'rolling', duration };
  }
  if (window.isRolling !== false) {
    return ctx.error(`${path}.isRolling`, 'required: true or false');
  }
  if (!isCalendarDuration(duration)) {
    const hint =
      duration.unit === 'm'
        ? ` (did you mean ${duration.value}M, a month?)`
        : '';
    return ctx.error(
      `${path}.duration`,
      `a calendar window must be 1d, 1w, 1M, 1Q or 1Y; got ${formatDuration(
        duration,
      )}, ${describeDuration(duration)}${hint}`,
    );
  }
  const calendar = window.calendar;
  if (!isObject(calendar) || typeof calendar.timeZone !== 'string') {
    return ctx.error(
      `${path}.calendar.timeZone`,
      'required for a calendar window: an IANA zone',
    );
  }
  if (!isValidTimeZone(calendar.timeZone)) {
    return ctx.error(
      `${path}.calendar.timeZone`,
      `unknown time zone "${calendar.timeZone}"`,
    );
  }
  return {
    kind: 'calendar',
    duration,
    timeZone: calendar.timeZone,
    ...(calendar.startTime !== undefined
      ? { startTime: String(calendar.startTime) }
      : {}),
  };
}

function readRatio(
  ctx: DocumentContext,
  value: unknown,
  path: string,
): number | undefined {
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    return ctx.error(path, 'must be between 0 and 1 (exclusive)');
  }
  return value;
}

function readTarget(
  ctx: DocumentContext,
  objective: Json,
  path: string,
): number | undefined {
  if (objective.target !== undefined && objective.targetPercent !== undefined) {
    return ctx.error(path, 'set target or targetPercent, not both');
  }
  if (objective.targetPercent !== undefined) {
    const percent = objective.targetPercent;
    if (typeof percent !== 'number' || !(percent > 0 && percent < 100)) {
      return ctx.error(
        `${path}.targetPercent`,
        'must be between 0 and 100 (exclusive)',
      );
    }
    return percentToRatio(percent);
  }
  if (objective.target === undefined) {
    return ctx.error(`${path}.target`, 'required (or targetPercent)');
  }
  return readRatio(ctx, objective.target, `${path}.target`);
}

function readTiers(
  ctx: DocumentContext,
  metadata: Json,
): BurnRateTierName[] | undefined {
  const annotations = isObject(metadata.annotations)
    ? metadata.annotations
    : {};
  const raw = annotations[BURN_RATE_TIERS_ANNOTATION];
  if (raw === undefined) {
    return undefined;
  }
  const names = String(raw)
    .split(',')
    .map(name => name.trim())
    .filter(name => name && name !== 'none');
  const unknown = names.filter(
    name => !TIER_NAMES.includes(name as BurnRateTierName),
  );
  if (unknown.length) {
    return ctx.error(
      `metadata.annotations.${BURN_RATE_TIERS_ANNOTATION}`,
      `unknown tier ${unknown.join(', ')}; known: ${TIER_NAMES.join(
        ', ',
      )}, none`,
    );
  }
  return names as BurnRateTierName[];
}

function objectiveKey(objective: Json, index: number): string {
  if (typeof objective.name === 'string') return objective.name;
  if (typeof objective.displayName === 'string') return objective.displayName;
  return String(index);
}

function readSlo(
  doc: ParsedDocument,
  slis: Map<string, ParsedDocument>,
  dataSources: Map<string, DataSourceInfo>,
  errors: SloDefinitionError[],
): SloObjective[] {
  const ctx = new DocumentContext(doc.index, doc.kind, doc.name, errors);
  const { spec, metadata } = doc;
  const window = readWindow(ctx, spec);
  const method = spec.budgetingMethod ?? 'Occurrences';
  if (method !== 'Occurrences' && method !== 'Timeslices') {
    ctx.error(
      'spec.budgetingMethod',
      `must be Occurrences or Timeslices, got ${String(method)}`,
    );
  }
  const tiers = readTiers(ctx, metadata);
  if (!Array.isArray(spec.objectives) || spec.objectives.length === 0) {
    ctx.error('spec.objectives', 'required: at least one objective');
    return [];
  }
  const objectives: SloObjective[] = [];
  const several = spec.objectives.length > 1;
  spec.objectives.forEach((objective: unknown, index: number) => {
    const path = `spec.objectives[${index}]`;
    if (!isObject(objective)) {
      ctx.error(path, 'must be an object');
      return;
    }
    const target = readTarget(ctx, objective, path);

    // The indicator may be set on the SLO or overridden on the objective.
    const inline = objective.indicator ?? spec.indicator;
    const ref = objective.indicatorRef ?? spec.indicatorRef;
    const indicatorPath =
      objective.indicator !== undefined || objective.indicatorRef !== undefined
        ? path
        : 'spec';
    let indicator: SloIndicator | undefined;
    let indicatorName: string | undefined;
    if (inline !== undefined && ref !== undefined) {
      ctx.error(
        `${indicatorPath}.indicator`,
        'set indicator or indicatorRef, not both',
      );
    } else if (isObject(inline)) {
      indicatorName =
        isObject(inline.metadata) && typeof inline.metadata.name === 'string'
          ? inline.metadata.name
          : undefined;
      indicator = readIndicator(
        ctx,
        inline.spec,
        `${indicatorPath}.indicator.spec`,
        dataSources,
        objective,
        path,
      );
    } else if (typeof ref === 'string') {
      const sli = slis.get(ref);
      if (!sli) {
        ctx.error(
          `${indicatorPath}.indicatorRef`,
          `SLI "${ref}" is not defined in this file`,
        );
      } else {
        indicatorName = ref;
        indicator = readIndicator(
          ctx,
          sli.spec,
          `${indicatorPath}.indicatorRef(${ref}).spec`,
          dataSources,
          objective,
          path,
        );
      }
    } else {
      ctx.error(
        `${indicatorPath}.indicator`,
        'required: indicator or indicatorRef',
      );
    }

    let budgeting: SloBudgeting | undefined = { method: 'occurrences' };
    if (method === 'Timeslices') {
      const sliceTarget = readRatio(
        ctx,
        objective.timeSliceTarget,
        `${path}.timeSliceTarget`,
      );
      const sliceWindow = readDuration(
        ctx,
        objective.timeSliceWindow,
        `${path}.timeSliceWindow`,
      );
      if (sliceWindow && !isFixedDuration(sliceWindow)) {
        ctx.error(
          `${path}.timeSliceWindow`,
          `must have a fixed length, got ${describeDuration(sliceWindow)}`,
        );
      }
      budgeting =
        sliceTarget !== undefined && sliceWindow && isFixedDuration(sliceWindow)
          ? { method: 'timeslices', sliceTarget, sliceWindow }
          : undefined;
    }

    if (!indicator || target === undefined || !window || !budgeting) {
      return;
    }
    const key = objectiveKey(objective, index);
    objectives.push({
      id: several ? `${doc.name}/${key}` : doc.name,
      sloName: doc.name,
      ...(typeof objective.name === 'string' ||
      typeof objective.displayName === 'string'
        ? { objectiveName: key }
        : {}),
      ...(typeof metadata.displayName === 'string'
        ? { displayName: metadata.displayName }
        : {}),
      ...(typeof spec.description === 'string'
        ? { description: spec.description }
        : {}),
      ...(typeof spec.service === 'string' ? { service: spec.service } : {}),
      ...(indicatorName ? { indicatorName } : {}),
      indicator,
      target,
      window,
      budgeting,
      ...(tiers ? { burnRateTiers: tiers } : {}),
    });
  });
  return objectives;
}

/**
 * Reads OpenSLO v1 YAML (one or more documents: SLO, SLI, DataSource, Service) into
 * objectives. Every problem is reported with its document and field path; valid
 * objectives are returned even when others in the same file are invalid.
 */
export function importOpenSlo(yamlText: string): SloImportResult {
  const errors: SloDefinitionError[] = [];
  const parsed: ParsedDocument[] = [];
  parseAllDocuments(yamlText).forEach((yamlDoc, index) => {
    const ctx = new DocumentContext(index, undefined, undefined, errors);
    if ('errors' in yamlDoc && yamlDoc.errors.length > 0) {
      ctx.error('', `invalid YAML: ${yamlDoc.errors[0].message}`);
      return;
    }
    const value = yamlDoc.toJS();
    if (value === null || value === undefined) {
      return; // empty document, e.g. a trailing `---`
    }
    if (!isObject(value)) {
      ctx.error('', 'must be a mapping');
      return;
    }
    if (value.apiVersion !== 'openslo/v1') {
      ctx.error(
        'apiVersion',
        `must be openslo/v1, got ${String(value.apiVersion)}`,
      );
      return;
    }
    const kind = String(value.kind);
    if (IGNORED_KINDS.includes(kind)) {
      return;
    }
    if (!['SLO', 'SLI', 'DataSource', 'Service'].includes(kind)) {
      ctx.error('kind', `unsupported kind ${kind}`);
      return;
    }
    const metadata = isObject(value.metadata) ? value.metadata : {};
    if (typeof metadata.name !== 'string' || !metadata.name) {
      new DocumentContext(index, kind, undefined, errors).error(
        'metadata.name',
        'required',
      );
      return;
    }
    if (!isObject(value.spec)) {
      new DocumentContext(index, kind, metadata.name, errors).error(
        'spec',
        'required',
      );
      return;
    }
    parsed.push({
      index,
      kind,
      name: metadata.name,
      metadata,
      spec: value.spec,
    });
  });

  const slis = new Map(
    parsed.filter(d => d.kind === 'SLI').map(d => [d.name, d]),
  );
  const dataSources = new Map(
    parsed
      .filter(d => d.kind === 'DataSource')
      .map(d => [
        d.name,
        { type: typeof d.spec.type === 'string' ? d.spec.type : undefined },
      ]),
  );
  const objectives = parsed
    .filter(d => d.kind === 'SLO')
    .flatMap(d => readSlo(d, slis, dataSources, errors));
  return { objectives, errors };
}
