import { LoggerService } from '@backstage/backend-plugin-api';
import { DeliveryEventSink } from '@internal/backstage-plugin-delivery-node';
import { idForComponent } from '../mapping/common';
import { mapIssue } from '../mapping/issues';
import { pickIssueComponents, RepoComponent } from '../matching/repositories';

export interface IssueHandlerOptions {
  sink: DeliveryEventSink;
  componentsOf: (repository: string) => Promise<RepoComponent[]>;
  /** The label that makes an issue an incident. */
  label: string;
  logger: LoggerService;
}

/**
 * Turns one `issues` delivery into an incident per component it belongs to, or an
 * unmatched report. `what` names the delivery in logs.
 */
export function createIssueHandler(options: IssueHandlerOptions) {
  const { sink, componentsOf, label, logger } = options;

  return async (what: string, payload: unknown) => {
    const mapped = mapIssue(payload, label);
    if ('skipped' in mapped) {
      logger.debug(`Ignoring ${what}: ${mapped.skipped}`);
      return;
    }
    const { incident, repository, components } = mapped;
    const match = pickIssueComponents(
      await componentsOf(repository.fullName),
      repository.fullName,
      components,
    );
    if ('unmatched' in match) {
      logger.info(`Unmatched ${what}: ${match.unmatched.reason}`);
      await sink.reportUnmatched(match.unmatched);
      return;
    }
    const events = match.entityRefs.map(entityRef => ({
      ...incident,
      id: idForComponent(incident.id, entityRef),
      entityRef,
    }));
    const result = await sink.ingest(events);
    for (const rejection of result.rejected) {
      logger.warn(
        `Rejected ${what} (${events[rejection.index]?.id}): ${rejection.error}`,
      );
    }
  };
}
