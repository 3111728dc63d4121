/**
 * Renders the golden-path templates of /templates through the scaffolder's real dry-run
 * API (POST /api/scaffolder/v2/dry-run: the nunjucks workflow runner and fetch:template)
 * with this module's actions, as the portal does.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { scaffolderModuleGoldenPaths } from '../module';
import { templateEntities } from './entities';

export const templatesDir = path.resolve(__dirname, '../../../../templates');

// publish:github / publish:gitlab come from modules the portal may not install; the
// dry run skips them like any action without dry-run support.
const publishStubs = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'publish-stubs',
  register(reg) {
    reg.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        for (const id of ['publish:github', 'publish:gitlab']) {
          scaffolder.addActions(
            createTemplateAction({
              id,
              schema: {
                output: {
                  repoContentsUrl: z => z.string(),
                  remoteUrl: z => z.string(),
                },
              },
              async handler() {
                throw new Error('not in tests');
              },
            }),
          );
        }
      },
    });
  },
});

async function readTree(
  dir: string,
  prefix = '',
): Promise<{ path: string; base64Content: string }[]> {
  const result = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      result.push(...(await readTree(path.join(dir, entry.name), rel)));
    } else {
      const content = await fs.readFile(path.join(dir, entry.name));
      result.push({ path: rel, base64Content: content.toString('base64') });
    }
  }
  return result;
}

/** The rendered files of a dry run, by path. */
export function renderedFiles(body: any): Record<string, string> {
  return Object.fromEntries(
    body.directoryContents.map((f: any) => [
      f.path,
      Buffer.from(f.base64Content, 'base64').toString('utf8'),
    ]),
  );
}

export interface TemplateDryRunner {
  /** The raw dry-run response (status, body with directoryContents, log, output). */
  dryRun(
    templateFile: string,
    values: Record<string, unknown>,
  ): Promise<request.Response>;
  /** The test backend's port (the portal's git host serves repositories there). */
  port(): number;
  stop(): Promise<void>;
}

/** A scaffolder backend with this module, ready to dry-run the templates. */
export async function startTemplateDryRunner(): Promise<TemplateDryRunner> {
  const skeletons = await readTree(
    path.join(templatesDir, 'skeletons'),
    'skeletons',
  );
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleGoldenPaths,
      publishStubs,
      catalogServiceMock.factory({ entities: templateEntities }),
      mockServices.rootConfig.factory({
        data: {
          goldenPaths: {
            errorBudgetPolicy: {
              frozenSystems: ['system:default/frozen-system'],
            },
            git: {
              allowedRemotes: ['file:///srv/git/'],
              portalHost: { directory: '/srv/portal-git' },
            },
          },
        },
      }),
    ],
  });
  return {
    async dryRun(templateFile, values) {
      const template = parse(
        await fs.readFile(path.join(templatesDir, templateFile), 'utf8'),
      );
      return request(backend.server)
        .post('/api/scaffolder/v2/dry-run')
        .set('Authorization', 'Bearer mock-user-token')
        .send({ template, values, directoryContents: skeletons });
    },
    port: () => backend.server.port(),
    stop: () => backend.stop(),
  };
}

/** Form values for a template run, as a user fills the form. */
export function formValues(options: {
  name: string;
  tier: string;
  deployStrategy: string;
  ci: string;
  publishTo: string;
}): Record<string, unknown> {
  const host = options.publishTo === 'gitlab' ? 'gitlab.com' : 'github.com';
  return {
    name: options.name,
    description: 'Payments API',
    owner: 'group:default/team-checkout',
    system: 'system:default/order-management',
    lifecycle: 'production',
    tier: options.tier,
    deployStrategy: options.deployStrategy,
    ci: options.ci,
    publishTo: options.publishTo,
    ...(options.publishTo === 'git'
      ? { gitRemoteUrl: `file:///srv/git/${options.name}.git` }
      : {}),
    ...(options.publishTo === 'github' || options.publishTo === 'gitlab'
      ? { repoUrl: `${host}?owner=Acme-Retail&repo=${options.name}` }
      : {}),
  };
}

/** Writes rendered files into `dir` (shell scripts stay executable). */
export async function writeProject(
  files: Record<string, string>,
  dir: string,
): Promise<void> {
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(dir, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content, {
      mode: file.endsWith('.sh') ? 0o755 : 0o644,
    });
  }
}
