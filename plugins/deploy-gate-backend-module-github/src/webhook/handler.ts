import { LoggerService } from '@backstage/backend-plugin-api';
import { EventParams } from '@backstage/plugin-events-node';
import { Reviewer } from '../review/Reviewer';
import { parseProtectionRule } from './payload';

/**
 * Turns one signed `deployment_protection_rule` delivery (checked by the events
 * backend's GitHub module) into a review. Deliveries relayed from another backend
 * instance may carry no metadata: the deployment identifies a redelivery then.
 */
export function createProtectionRuleHandler(options: {
  reviewer: Reviewer;
  logger: LoggerService;
}) {
  const { reviewer, logger } = options;
  return async ({ eventPayload, metadata }: EventParams) => {
    const parsed = parseProtectionRule(eventPayload);
    if ('skipped' in parsed) return;
    if ('invalid' in parsed) {
      logger.warn(
        `Ignored a deployment_protection_rule delivery: ${parsed.invalid}`,
      );
      return;
    }
    const deliveryId = metadata?.['x-github-delivery'];
    await reviewer.handle(
      parsed.request,
      typeof deliveryId === 'string' ? deliveryId : undefined,
    );
  };
}
