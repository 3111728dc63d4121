import { LoggerService } from '@backstage/backend-plugin-api';
import { DeliveryEventSink } from '@internal/backstage-plugin-delivery-node';
import { DateTime, Duration } from 'luxon';
import { OpsgenieApi } from '../client/client';
import { Alert, mapAlert, parseAlert, SOURCE_ID } from '../mapping/alert';
import {
  COMPONENT_SELECTOR_ANNOTATION,
  ComponentSelector,
  TEAM_ANNOTATION,
} from '../matching/selectors';

/** Opsgenie's and our clocks may disagree: each pull reads this much again. */
export const OVERLAP = Duration.fromObject({ minutes: 5 });

/** An alert a webhook delivery named, to report if no component claims it. */
export interface AnnouncedAlert {
  id: string;
  tinyId?: string;
  message?: string;
}

export interface PullCounts {
  stored: number;
  ambiguous: number;
  unclaimed: number;
}

const errorMessage = (error: unknown) =>
  (error as Error)?.message ?? String(error);

const label = (alert: { id: string; tinyId?: string | null }) =>
  `alert ${alert.tinyId ? `#${alert.tinyId}` : alert.id}`;

/**
 * Reads, for every component with an alert query, the alerts updated since that
 * component's previous successful pull (the lookback, the first time), and stores
 * each alert exactly one component claims, read in full for its deployment.
 * Alerts several components claim are reported, as are alerts webhooks announced
 * that none claims. A component or alert that fails is logged and the rest still
 * pulled; its next pull reads its alerts again.
 */
export class OpsgeniePull {
  readonly #since = new Map<string, DateTime>();

  constructor(
    private readonly options: {
      api: OpsgenieApi;
      selectors: () => Promise<ComponentSelector[]>;
      sink: DeliveryEventSink;
      lookback: Duration;
      webUrl?: string;
      logger: LoggerService;
      now?: () => DateTime;
    },
  ) {}

  async run(
    announced: AnnouncedAlert[] = [],
  ): Promise<{ counts: PullCounts; failures: string[] }> {
    const { api, sink, logger } = this.options;
    const start = (this.options.now ?? DateTime.utc)();
    const counts: PullCounts = { stored: 0, ambiguous: 0, unclaimed: 0 };
    const failures: string[] = [];
    const failed = new Set<string>();
    const claims = new Map<string, { alert: Alert; entityRefs: string[] }>();
    const selectors = await this.options.selectors();

    for (const { entityRef, query } of selectors) {
      const since =
        this.#since.get(entityRef) ?? start.minus(this.options.lookback);
      try {
        for await (const page of api.listAlerts(query, since)) {
          for (const record of page) {
            const alert = parseAlert(record);
            if ('invalid' in alert) {
              logger.debug(`Skipped an Opsgenie alert: ${alert.invalid}`);
              continue;
            }
            // Offset paging over a list sorted by update can repeat an alert.
            const claim = claims.get(alert.id) ?? { alert, entityRefs: [] };
            if (!claim.entityRefs.includes(entityRef)) {
              claim.entityRefs.push(entityRef);
            }
            claims.set(alert.id, claim);
          }
        }
      } catch (error) {
        logger.warn(`Could not pull Opsgenie alerts of ${entityRef}: ${error}`);
        failures.push(`${entityRef}: ${errorMessage(error)}`);
        failed.add(entityRef);
      }
    }

    for (const { alert, entityRefs } of claims.values()) {
      if (entityRefs.length > 1) {
        counts.ambiguous++;
        await sink.reportUnmatched({
          source: SOURCE_ID,
          key: label(alert),
          reason: `ambiguous: the alert queries of several components match ${label(
            alert,
          )} "${alert.message ?? ''}": ${entityRefs.join(', ')}`,
        });
        continue;
      }
      const [entityRef] = entityRefs;
      try {
        // Lists leave out the description and details that name a deployment.
        const full = parseAlert(await api.getAlert(alert.id));
        const incident = mapAlert('invalid' in full ? alert : full, {
          webUrl: this.options.webUrl,
        });
        const result = await sink.ingest([{ ...incident, entityRef }]);
        for (const rejection of result.rejected) {
          logger.warn(`Rejected Opsgenie ${label(alert)}: ${rejection.error}`);
        }
        if (result.rejected.length === 0) counts.stored++;
      } catch (error) {
        logger.warn(`Could not store Opsgenie ${label(alert)}: ${error}`);
        failures.push(`${label(alert)}: ${errorMessage(error)}`);
        failed.add(entityRef);
      }
    }

    // Unclaimed alerts are only known for sure when every query was answered.
    if (failed.size === 0) {
      for (const alert of announced) {
        if (claims.has(alert.id)) continue;
        counts.unclaimed++;
        await sink.reportUnmatched({
          source: SOURCE_ID,
          key: label(alert),
          reason: `no component's ${COMPONENT_SELECTOR_ANNOTATION} (or ${TEAM_ANNOTATION}) matches ${label(
            alert,
          )} "${alert.message ?? ''}"`,
        });
      }
    }

    for (const { entityRef } of selectors) {
      if (!failed.has(entityRef)) {
        this.#since.set(entityRef, start.minus(OVERLAP));
      }
    }
    logger.info(
      `Pulled ${counts.stored} Opsgenie alerts of ${selectors.length} components (${counts.ambiguous} ambiguous, ${counts.unclaimed} unclaimed, ${failures.length} failures)`,
    );
    return { counts, failures };
  }
}
