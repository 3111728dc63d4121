import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The deploy gate's CI script, `ci/gate.sh` of `@internal/backstage-plugin-deploy-gate-common`:
 * the one copy of the logic, which generated projects get at render time.
 */
export async function readGateScript(): Promise<string> {
  const packageDir = path.dirname(
    require.resolve(
      '@internal/backstage-plugin-deploy-gate-common/package.json',
    ),
  );
  return fs.readFile(path.join(packageDir, 'ci', 'gate.sh'), 'utf8');
}
