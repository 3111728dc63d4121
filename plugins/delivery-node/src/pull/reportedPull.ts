import {
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { DeliveryEventSink } from '../sources';

/** Source status messages are for people: longer ones are cut. */
export const MAX_SYNC_ERROR_LENGTH = 2000;

/** How one pull run (of the whole source, or of one instance) went. */
export interface PullOutcome {
  /** The instance pulled, when a source has several. */
  instance?: string;
  /** What failed while the rest was pulled, e.g. `acme/shop: 502 Bad Gateway`. */
  failures: string[];
  /** Names the failed items in the report: `3 repositories failed: …`. */
  noun?: string;
}

export interface ReportedPullOptions {
  sink: DeliveryEventSink;
  /** The source id, e.g. `github`. */
  source: string;
  /**
   * One run. Resolves with its outcome (or one per instance), or with nothing when
   * it reported each instance itself; rejects when nothing could be pulled (e.g. the
   * catalog was unreadable).
   */
  pull(signal?: AbortSignal): Promise<PullOutcome | PullOutcome[] | void>;
  /**
   * Who a rejected run is reported for: default the source as a whole; one report
   * per instance when the source reports per instance; `[]` when the pull reports
   * its own failures.
   */
  instancesOnFailure?: (string | undefined)[];
  /** The report's error for a rejected run; default the error's text. */
  describeFailure?(error: unknown): string;
}

/** `3 repositories failed: a; b; c`, cut to {@link MAX_SYNC_ERROR_LENGTH}. */
export function summariseFailures(failures: string[], noun?: string): string {
  return `${failures.length}${noun ? ` ${noun}` : ''} failed: ${failures.join(
    '; ',
  )}`.slice(0, MAX_SYNC_ERROR_LENGTH);
}

/**
 * Runs one pull and reports how it went with `reportSync`, so
 * `GET /api/delivery/sources` can say which source is stale: each outcome (an
 * error naming what failed, none on success), or the error of a run that threw,
 * which is then thrown again for the scheduler to log.
 */
export async function runReportedPull(
  options: ReportedPullOptions,
  signal?: AbortSignal,
): Promise<void> {
  const { sink, source } = options;
  let outcome: PullOutcome | PullOutcome[] | void;
  try {
    outcome = await options.pull(signal);
  } catch (error) {
    const message = (options.describeFailure ?? String)(error).slice(
      0,
      MAX_SYNC_ERROR_LENGTH,
    );
    for (const instance of options.instancesOnFailure ?? [undefined]) {
      await sink.reportSync({
        source,
        ...(instance !== undefined ? { instance } : {}),
        via: 'pull',
        error: message,
      });
    }
    throw error;
  }
  if (!outcome) return;
  for (const { instance, failures, noun } of [outcome].flat()) {
    await sink.reportSync({
      source,
      ...(instance !== undefined ? { instance } : {}),
      via: 'pull',
      ...(failures.length > 0
        ? { error: summariseFailures(failures, noun) }
        : {}),
    });
  }
}

/**
 * Schedules a source's pull with the scheduler service (task id
 * `delivery-<source>-pull` unless named), each run reported as
 * {@link runReportedPull} does.
 */
export async function scheduleReportedPull(
  options: ReportedPullOptions & {
    scheduler: SchedulerService;
    schedule: SchedulerServiceTaskScheduleDefinition;
    taskId?: string;
  },
): Promise<void> {
  const { scheduler, schedule, source } = options;
  await scheduler.scheduleTask({
    id: options.taskId ?? `delivery-${source}-pull`,
    ...schedule,
    fn: signal => runReportedPull(options, signal as AbortSignal),
  });
}
