import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ErrorBudgetPolicyProvider,
  toSystemRef,
} from '../policy/errorBudgetPolicy';

export const CHECK_ERROR_BUDGET_ACTION_ID =
  'golden-paths:policy:check-error-budget';

/**
 * Refuses the run when the system's error budget policy is frozen: a system that has
 * spent its budget ships fixes, not new services. Without a configured policy every
 * run passes.
 */
export function createCheckErrorBudgetAction(options: {
  policy?: ErrorBudgetPolicyProvider;
}) {
  const { policy } = options;
  return createTemplateAction({
    id: CHECK_ERROR_BUDGET_ACTION_ID,
    description:
      "Fails the run when the system's error budget policy is frozen (goldenPaths.errorBudgetPolicy). Passes when no policy is configured.",
    supportsDryRun: true,
    examples: [
      {
        description: 'Check the system picked in the form before anything else',
        example: [
          'steps:',
          '  - id: check-error-budget',
          "    name: Check the system's error budget policy",
          `    action: ${CHECK_ERROR_BUDGET_ACTION_ID}`,
          '    input:',
          '      system: ${{ parameters.system }}',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        system: z =>
          z
            .string()
            .min(1)
            .describe('System entity reference; kind system when omitted'),
      },
      output: {
        frozen: z => z.boolean().describe('Always false when the run goes on'),
      },
    },
    async handler(ctx) {
      let systemRef: string;
      try {
        systemRef = toSystemRef(ctx.input.system);
      } catch (error) {
        throw new InputError(
          `${CHECK_ERROR_BUDGET_ACTION_ID}: system "${ctx.input.system}" is not an entity reference: ${error}`,
        );
      }
      if (!policy) {
        ctx.logger.info(
          `No error budget policy configured (goldenPaths.errorBudgetPolicy); ${systemRef} is not checked`,
        );
        ctx.output('frozen', false);
        return;
      }

      let decision;
      try {
        decision = await policy.getDecision(systemRef);
      } catch (error) {
        throw new Error(
          `${CHECK_ERROR_BUDGET_ACTION_ID}: could not read the error budget policy of ${systemRef}, refusing the run: ${error}`,
        );
      }
      if (decision.frozen) {
        throw new NotAllowedError(
          `${CHECK_ERROR_BUDGET_ACTION_ID}: ${systemRef} has a frozen error budget policy` +
            `${decision.reason ? ` (${decision.reason})` : ''}; ` +
            'new components cannot be created in it until its error budget recovers.',
        );
      }
      ctx.logger.info(`Error budget policy of ${systemRef} is not frozen`);
      ctx.output('frozen', false);
    },
  });
}
