/*
 * The SLO plugin's side of the seams the delivery plugins left open: deployments made
 * while the error budget was exhausted (timeline and table of plugins/delivery) and each
 * service's SLO status and budget left (team table of plugins/delivery-scorecards).
 */
import type {
  DeploymentFlags,
  DeploymentFlagsApi,
  ServiceSloApi,
} from '@internal/backstage-plugin-delivery-react';
import type {
  SloState,
  StatusResponse,
} from '@internal/backstage-plugin-slo-common';
import { DeploymentRef, SloApi } from './types';

/** Deployments per `/deployment-impact` request: keeps URLs well below server limits. */
export const IMPACT_CHUNK = 50;
/** Parallel `/status` requests of one scorecard table. */
export const STATUS_CONCURRENCY = 6;

type FlagRequest = Parameters<DeploymentFlagsApi['getFlags']>[0];
type FlaggableDeployment = FlagRequest['deployments'][number] & {
  entityRef?: string;
  finishedAt?: string | null;
};

/** The delivery plugin's key of a deployment. */
export const deliveryKey = (d: { source: string; id: string }) =>
  `${d.source}/${d.id}`;

/**
 * Groups deployments by the component they belong to (a system or team page lists
 * several components; budgets are per component) and splits each group into chunks.
 * The instant asked about is when the deployment finished, or started while running.
 */
export function planImpactRequests(
  pageEntityRef: string,
  deployments: FlaggableDeployment[],
  chunkSize: number = IMPACT_CHUNK,
): Array<{ entityRef: string; deployments: DeploymentRef[] }> {
  const byEntity = new Map<string, DeploymentRef[]>();
  for (const d of deployments) {
    const entityRef = d.entityRef ?? pageEntityRef;
    const refs = byEntity.get(entityRef) ?? [];
    refs.push({ id: deliveryKey(d), at: d.finishedAt ?? d.startedAt });
    byEntity.set(entityRef, refs);
  }
  const requests: Array<{ entityRef: string; deployments: DeploymentRef[] }> =
    [];
  for (const [entityRef, refs] of byEntity) {
    for (let i = 0; i < refs.length; i += chunkSize) {
      requests.push({ entityRef, deployments: refs.slice(i, i + chunkSize) });
    }
  }
  return requests;
}

/** Flags deployments the SLO backend says were made while the budget was exhausted. */
export class SloDeploymentFlagsClient implements DeploymentFlagsApi {
  constructor(private readonly options: { sloApi: SloApi }) {}

  async getFlags(
    request: FlagRequest,
  ): Promise<Record<string, DeploymentFlags>> {
    const plans = planImpactRequests(request.entityRef, request.deployments);
    const answers = await Promise.allSettled(
      plans.map(plan => this.options.sloApi.getDeploymentImpact(plan)),
    );
    const flags: Record<string, DeploymentFlags> = {};
    for (const answer of answers) {
      if (answer.status !== 'fulfilled') continue;
      for (const impact of answer.value.impacts) {
        if (impact.madeWhileFrozen) {
          flags[impact.deploymentId] = { errorBudgetExhausted: true };
        }
      }
    }
    // A component without objectives may answer an error; only when nothing at all
    // answered is the failure worth reporting.
    const failed = answers.find(
      (a): a is PromiseRejectedResult => a.status === 'rejected',
    );
    if (failed && answers.every(a => a.status === 'rejected')) {
      throw failed.reason;
    }
    return flags;
  }
}

type ServiceSloSummary = Awaited<
  ReturnType<ServiceSloApi['getSloSummaries']>
>[string];

const SCORECARD_STATUS: Record<
  SloState,
  ServiceSloSummary['status'] | undefined
> = {
  ok: 'ok',
  // A paging tier fires, but the objective is not missed while budget is left.
  warning: 'warning',
  critical: 'warning',
  exhausted: 'breached',
  unknown: undefined,
};

/**
 * One scorecard cell from `/status` of a component: its worst state and the lowest
 * budget left among its objectives. Nothing when no figure is known (no objectives, no
 * data): the table then shows a dash rather than a made-up 100% or 0%.
 */
export function toServiceSloSummary(
  status: StatusResponse,
): ServiceSloSummary | undefined {
  const mapped = SCORECARD_STATUS[status.state];
  const budgets = status.components
    .map(c => c.worstBudgetRemaining)
    .filter((b): b is number => b !== null);
  if (!mapped || budgets.length === 0) return undefined;
  return { status: mapped, errorBudgetRemaining: Math.min(...budgets) };
}

/** Runs `task` over `items` with at most `limit` in flight. */
async function mapLimited<T, R>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = {
          status: 'fulfilled',
          value: await task(items[index]),
        };
      } catch (reason) {
        results[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

/** SLO status and budget left per service, for the DORA scorecards' team table. */
export class SloServiceSummariesClient implements ServiceSloApi {
  constructor(private readonly options: { sloApi: SloApi }) {}

  async getSloSummaries(
    entityRefs: string[],
  ): Promise<Record<string, ServiceSloSummary>> {
    const unique = [...new Set(entityRefs)];
    const answers = await mapLimited(unique, STATUS_CONCURRENCY, entityRef =>
      this.options.sloApi.getStatus({ entityRef }),
    );
    const summaries: Record<string, ServiceSloSummary> = {};
    answers.forEach((answer, i) => {
      if (answer.status !== 'fulfilled') return;
      const summary = toServiceSloSummary(answer.value);
      if (summary) summaries[unique[i]] = summary;
    });
    return summaries;
  }
}
