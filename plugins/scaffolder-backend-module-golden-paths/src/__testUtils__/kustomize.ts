import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * What Argo CD applies from a rendered project: `kubectl kustomize deploy/` (kubectl's
 * built-in kustomize, offline) over the rendered `deploy/` files, as parsed documents.
 */
export async function kustomizeBuild(
  files: Record<string, string>,
): Promise<any[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kustomize-'));
  try {
    for (const [file, content] of Object.entries(files)) {
      if (!file.startsWith('deploy/')) continue;
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), content);
    }
    const yaml = await new Promise<string>((resolve, reject) =>
      execFile(
        'kubectl',
        ['kustomize', path.join(dir, 'deploy')],
        { maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error}\n${stderr}`)) : resolve(stdout),
      ),
    );
    return parseAllDocuments(yaml).map(doc => doc.toJS());
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
