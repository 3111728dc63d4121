import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { gateScriptPath } from '@internal/backstage-plugin-deploy-gate-common/testUtils';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createWriteDeployGateScriptAction } from './writeDeployGateScript';

describe('golden-paths:deploy-gate:write-script', () => {
  const action = createWriteDeployGateScriptAction({
    discovery: mockServices.discovery.mock({
      getExternalBaseUrl: async pluginId =>
        `https://portal.acme.example/api/${pluginId}`,
    }),
  });

  it("writes deploy-gate-common's gate.sh unchanged and outputs the gate's external URL", async () => {
    const ctx = createMockActionContext({ input: {} });
    await action.handler(ctx as any);
    const written = path.join(ctx.workspacePath, 'deploy/deploy-gate/gate.sh');
    expect(await fs.readFile(written, 'utf8')).toBe(
      await fs.readFile(gateScriptPath, 'utf8'),
    );
    expect((await fs.stat(written)).mode & 0o777).toBe(0o755);
    expect(ctx.output).toHaveBeenCalledWith(
      'path',
      'deploy/deploy-gate/gate.sh',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'gateUrl',
      'https://portal.acme.example/api/deploy-gate',
    );
  });

  it('honours targetPath and refuses one outside the workspace', async () => {
    const ctx = createMockActionContext({
      input: { targetPath: './ci/gate.sh' },
    });
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('path', 'ci/gate.sh');
    await expect(
      action.handler(
        createMockActionContext({ input: { targetPath: '../gate.sh' } }) as any,
      ),
    ).rejects.toThrow(
      'golden-paths:deploy-gate:write-script: targetPath "../gate.sh" points outside the workspace',
    );
  });
});
