import { SourceSyncReport } from '@internal/backstage-plugin-delivery-node';
import { Knex } from 'knex';
import { DateTime } from 'luxon';
import { toIso } from './rows';

/** One row of `source_status`, times as ISO strings. */
export interface SourceSyncRecord {
  source: string;
  instance: string;
  via: 'pull' | 'webhook';
  lastSuccessAt?: string;
  lastErrorAt?: string;
  lastError?: string;
  consecutiveFailures: number;
}

/** Error messages are for people; a runaway one (an HTML error page) is cut short. */
const MAX_ERROR_LENGTH = 1000;

/** The `source` or `source/instance` id a report is about. */
export const sourceIdOf = (report: { source: string; instance?: string }) =>
  report.instance ? `${report.source}/${report.instance}` : report.source;

/**
 * Reads and writes the last success and last failure of each source sync. Sources
 * that are off until configured are kept in memory: that follows from configuration,
 * which every replica reads and reports at start.
 */
export class SourceStatusStore {
  private readonly disabled = new Map<string, string>();

  constructor(private readonly knex: Knex) {}

  /** Sources (instances) that are off until configured, by id, with the reason. */
  disabledSources(): ReadonlyMap<string, string> {
    return this.disabled;
  }

  async record(report: SourceSyncReport): Promise<void> {
    if (report.disabled !== undefined) {
      this.disabled.set(sourceIdOf(report), report.disabled);
      return;
    }
    this.disabled.delete(sourceIdOf(report));
    const at = DateTime.fromJSDate(report.at ?? new Date())
      .toUTC()
      .toISO()!;
    const key = {
      source: report.source,
      instance: report.instance ?? '',
      via: report.via,
    };
    if (report.error === undefined) {
      await this.knex('source_status')
        .insert({ ...key, last_success_at: at, consecutive_failures: 0 })
        .onConflict(['source', 'instance', 'via'])
        .merge({ last_success_at: at, consecutive_failures: 0 });
      return;
    }
    const error = report.error.slice(0, MAX_ERROR_LENGTH);
    await this.knex('source_status')
      .insert({
        ...key,
        last_error_at: at,
        last_error: error,
        consecutive_failures: 1,
      })
      .onConflict(['source', 'instance', 'via'])
      .merge({
        last_error_at: at,
        last_error: error,
        consecutive_failures: this.knex.raw('?? + 1', [
          'source_status.consecutive_failures',
        ]),
      });
  }

  async list(): Promise<SourceSyncRecord[]> {
    const rows = await this.knex('source_status')
      .select()
      .orderBy(['source', 'instance', 'via']);
    return rows.map(row => ({
      source: row.source,
      instance: row.instance,
      via: row.via,
      lastSuccessAt: toIso(row.last_success_at) ?? undefined,
      lastErrorAt: toIso(row.last_error_at) ?? undefined,
      lastError: row.last_error ?? undefined,
      consecutiveFailures: Number(row.consecutive_failures),
    }));
  }
}
