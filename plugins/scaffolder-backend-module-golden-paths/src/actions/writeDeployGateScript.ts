import {
  DiscoveryService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readGateScript } from '../deployGate/gateScript';

export const WRITE_DEPLOY_GATE_SCRIPT_ACTION_ID =
  'golden-paths:deploy-gate:write-script';

const DEFAULT_TARGET = 'deploy/deploy-gate/gate.sh';

/**
 * Writes the deploy gate's CI script (deploy-gate-common's `ci/gate.sh`, unchanged) into
 * the workspace, and answers the gate's URL as users' pipelines reach it.
 */
export function createWriteDeployGateScriptAction(options: {
  discovery: DiscoveryService;
}) {
  return createTemplateAction({
    id: WRITE_DEPLOY_GATE_SCRIPT_ACTION_ID,
    description:
      "Writes the deploy gate's CI script (gate.sh: asks POST /api/deploy-gate/decisions, fails on deny) into the workspace and outputs the gate's external URL.",
    supportsDryRun: true,
    examples: [
      {
        description: 'The script where the golden paths keep it',
        example: [
          'steps:',
          '  - id: deploy-gate',
          '    name: Add the deploy gate script',
          `    action: ${WRITE_DEPLOY_GATE_SCRIPT_ACTION_ID}`,
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        targetPath: z =>
          z
            .string()
            .optional()
            .describe(
              `Path of the script in the workspace; ${DEFAULT_TARGET} by default`,
            ),
      },
      output: {
        path: z =>
          z
            .string()
            .describe('Path of the written script, relative to the workspace'),
        gateUrl: z =>
          z
            .string()
            .describe(
              "The deploy gate's external base URL (DEPLOY_GATE_URL), e.g. https://portal.example.com/api/deploy-gate",
            ),
      },
    },
    async handler(ctx) {
      const relativePath = path.posix.normalize(
        ctx.input.targetPath ?? DEFAULT_TARGET,
      );
      let filePath: string;
      try {
        filePath = resolveSafeChildPath(ctx.workspacePath, relativePath);
      } catch {
        throw new InputError(
          `${WRITE_DEPLOY_GATE_SCRIPT_ACTION_ID}: targetPath "${ctx.input.targetPath}" points outside the workspace`,
        );
      }
      // Dry runs write too: the workspace is a throw-away copy.
      await fs.mkdir(path.dirname(filePath), { recursive: true });
      await fs.writeFile(filePath, await readGateScript(), { mode: 0o755 });
      const gateUrl = await options.discovery.getExternalBaseUrl('deploy-gate');
      ctx.logger.info(`Wrote ${relativePath}; the deploy gate is ${gateUrl}`);
      ctx.output('path', relativePath.replace(/^\.\//, ''));
      ctx.output('gateUrl', gateUrl);
    },
  });
}
