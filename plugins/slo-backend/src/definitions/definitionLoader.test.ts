import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DefinitionLoader } from './definitionLoader';

const examples = resolvePath(__dirname, '../../../../examples');

/** The demo catalog's entities, as the catalog stores them (with their location). */
function demoEntities(): Entity[] {
  const file = resolvePath(examples, 'entities.yaml');
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map(doc => doc.toJSON() as Entity)
    .filter(Boolean)
    .map(entity => ({
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          'backstage.io/managed-by-location': `file:${file}`,
        },
      },
    }));
}

const loader = new DefinitionLoader({
  urlReader: mockServices.urlReader.mock({
    readUrl: async url => {
      if (url === 'https://git.example.com/repo/slo/pay.yaml') {
        return {
          buffer: async () =>
            Buffer.from(
              readFileSync(resolvePath(examples, 'slo/cart-service.yaml')),
            ),
        } as any;
      }
      throw new Error(`NotFoundError: ${url}`);
    },
  }),
  integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
});

describe('DefinitionLoader', () => {
  it('reads every demo component OpenSLO file without errors', async () => {
    const withSlo = demoEntities().filter(
      e => e.metadata.annotations?.['slo.acme-portal.io/openslo-file'],
    );
    expect(withSlo.map(e => e.metadata.name).sort()).toEqual([
      'cart-service',
      'checkout-service',
      'product-catalog-service',
      'search-service',
    ]);
    for (const entity of withSlo) {
      const definitions = await loader.load(entity);
      expect([entity.metadata.name, definitions.errors]).toEqual([
        entity.metadata.name,
        [],
      ]);
      expect(definitions.objectives.map(o => o.id)).toEqual(
        expect.arrayContaining([
          `${entity.metadata.name}-availability`,
          `${entity.metadata.name}-latency`,
        ]),
      );
      expect(definitions.definitionSources[0]).toBe(
        `slo.acme-portal.io/openslo-file: file:${examples}/slo/${entity.metadata.name}.yaml`,
      );
    }
    const checkout = await loader.load(
      withSlo.find(e => e.metadata.name === 'checkout-service')!,
    );
    expect(
      checkout.objectives.find(o => o.id === 'checkout-service-payment-slices')
        ?.budgeting,
    ).toEqual({
      method: 'timeslices',
      sliceTarget: 0.95,
      sliceWindow: { value: 5, unit: 'm' },
    });
    const cart = await loader.load(
      withSlo.find(e => e.metadata.name === 'cart-service')!,
    );
    expect(cart.objectives[0].window).toMatchObject({
      kind: 'calendar',
      timeZone: 'Europe/Paris',
    });
  });

  it('resolves relative paths against a URL location through the UrlReader', async () => {
    const definitions = await loader.load({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'pay',
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://git.example.com/repo/catalog-info.yaml',
          'slo.acme-portal.io/openslo-file': './slo/pay.yaml',
          'slo.acme-portal.io/sloth-file': './slo/missing.yaml',
          'slo.acme-portal.io/source': 'prometheus:eu',
        },
      },
    });
    expect(definitions.sourceId).toBe('prometheus:eu');
    expect(definitions.objectives.map(o => o.id)).toEqual([
      'cart-service-availability',
      'cart-service-latency',
    ]);
    expect(definitions.errors).toEqual([
      {
        document: 0,
        path: 'metadata.annotations["slo.acme-portal.io/sloth-file"]',
        message:
          'cannot read ./slo/missing.yaml: NotFoundError: https://git.example.com/repo/slo/missing.yaml',
        source: 'slo.acme-portal.io/sloth-file',
      },
    ]);
  });

  it('resolves relative paths against git+, GitHub and GitLab locations keeping the ref', async () => {
    const read: string[] = [];
    const openslo = readFileSync(
      resolvePath(examples, 'slo/cart-service.yaml'),
    );
    const reader = new DefinitionLoader({
      urlReader: mockServices.urlReader.mock({
        readUrl: async url => {
          read.push(url);
          return { buffer: async () => openslo } as any;
        },
      }),
      integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    });
    const entity = (location: string, path = './slo/pay-api.yaml'): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'pay-api',
        annotations: {
          'backstage.io/managed-by-location': `url:${location}`,
          'slo.acme-portal.io/openslo-file': path,
        },
      },
    });
    const cases: [string, string][] = [
      // the portal's git host: remote and ref kept, path from the declaring file's folder
      [
        'git+file:///data/git/pay-api.git#main:catalog-info.yaml',
        'git+file:///data/git/pay-api.git#main:slo/pay-api.yaml',
      ],
      [
        'git+https://git.example.com/acme/pay-api.git#release/1.x:services/pay/catalog-info.yaml',
        'git+https://git.example.com/acme/pay-api.git#release/1.x:services/pay/slo/pay-api.yaml',
      ],
      // GitHub's resolveUrl answers a tree/ URL, which its reader fetches as a file
      [
        'https://github.com/acme/pay-api/blob/main/catalog-info.yaml',
        'https://github.com/acme/pay-api/tree/main/slo/pay-api.yaml',
      ],
      [
        'https://gitlab.com/acme/pay-api/-/blob/main/catalog-info.yaml',
        'https://gitlab.com/acme/pay-api/-/blob/main/slo/pay-api.yaml',
      ],
    ];
    for (const [location, expected] of cases) {
      read.length = 0;
      const definitions = await reader.load(entity(location));
      expect(definitions.errors).toEqual([]);
      expect(read).toEqual([expected]);
      expect(definitions.objectives).toHaveLength(2);
    }

    // A path that leaves the repository is a definition error, nothing is read.
    read.length = 0;
    const escape = await reader.load(
      entity(
        'git+file:///data/git/pay-api.git#main:catalog-info.yaml',
        '../other.git/slo.yaml',
      ),
    );
    expect(read).toEqual([]);
    expect(escape.errors.map(e => e.message)).toEqual([
      'cannot read ../other.git/slo.yaml: ../other.git/slo.yaml leaves the repository of git+file:///data/git/pay-api.git#main:catalog-info.yaml',
    ]);
  });

  it('never reads outside the declaring file directory or non-YAML files', async () => {
    const entity = (path: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'x',
        annotations: {
          'backstage.io/managed-by-location': `file:${examples}/entities.yaml`,
          'slo.acme-portal.io/pyrra-file': path,
        },
      },
    });
    const escape = await loader.load(entity('../package.json'));
    expect(escape.errors[0].message).toMatch(/leaves the directory/);
    const notYaml = await loader.load(entity('./README.md'));
    expect(notYaml.errors[0].message).toMatch(/not a \.yaml or \.yml file/);
  });
});
