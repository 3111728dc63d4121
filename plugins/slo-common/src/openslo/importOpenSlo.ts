import { parseAllDocuments } from 'yaml';
import {
  BurnRateTierName,
  SloDefinitionError,
  SloImportResult,
  SloIndicator,
  SloObjective,
} from '../model';
import { percentToRatio } from '../target';
import {
  DataSourceInfo,
  DocumentContext,
  isObject,
  Json,
  ParsedDocument,
} from './context';
import { readIndicator } from './readIndicator';
import { readBudgeting, readRatio, readWindow } from './readWindow';

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

    const budgeting = readBudgeting(ctx, method, objective, path);

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
