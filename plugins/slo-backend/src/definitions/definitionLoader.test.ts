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
