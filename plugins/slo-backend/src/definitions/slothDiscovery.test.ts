import { Entity } from '@backstage/catalog-model';
import {
  importSlothInfo,
  SloObjective,
} from '@internal/backstage-plugin-slo-common';
import type { SloMetricSource } from '@internal/backstage-plugin-slo-node';
import { EntityDefinitions } from './definitionLoader';
import { withSlothDiscovery } from './slothDiscovery';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', annotations },
});

const info = (sloth_slo: string, sloth_objective: string) => ({
  labels: {
    sloth_id: `shop-${sloth_slo}`,
    sloth_service: 'shop',
    sloth_slo,
    sloth_objective,
  },
});

const source = (
  discover?: SloMetricSource['discoverObjectives'],
): SloMetricSource => ({
  id: 'prometheus:default',
  type: 'prometheus',
  countSeries: async () => ({ points: [], expectedPoints: 0, queries: [] }),
  ...(discover ? { discoverObjectives: discover } : {}),
});

const fromFile = importSlothInfo([info('availability', '99')])
  .objectives[0] as SloObjective;
const loaded: EntityDefinitions = {
  objectives: [{ ...fromFile, description: 'from the Sloth file' }],
  errors: [],
  definitionSources: ['slo.acme-portal.io/sloth-file: file:/repo/slo.yaml'],
};

describe('withSlothDiscovery', () => {
  it('leaves entities without the annotation alone, without asking the source', async () => {
    const discover = jest.fn();
    const result = await withSlothDiscovery(
      entity({}),
      loaded,
      source(discover),
    );
    expect(result).toEqual({ definitions: loaded, failed: false });
    expect(discover).not.toHaveBeenCalled();
  });

  it('adds discovered SLOs, keeps a file definition of the same id, and labels errors', async () => {
    const discover = jest.fn(async () =>
      importSlothInfo([
        info('availability', '99.9'),
        info('latency', '95'),
        info('broken', '100'),
      ]),
    );
    const { definitions, failed } = await withSlothDiscovery(
      entity({ 'slo.acme-portal.io/sloth-service': ' shop ' }),
      loaded,
      source(discover),
    );
    expect(failed).toBe(false);
    expect(discover).toHaveBeenCalledWith({ slothService: 'shop' });
    expect(definitions.objectives.map(o => [o.id, o.target])).toEqual([
      // the file's 99% wins over the discovered 99.9%
      ['shop-availability', 0.99],
      ['shop-latency', 0.95],
    ]);
    expect(definitions.errors).toEqual([
      expect.objectContaining({
        name: 'shop-broken',
        path: 'labels.sloth_objective',
        source: 'slo.acme-portal.io/sloth-service: shop',
      }),
    ]);
    expect(definitions.definitionSources[1]).toBe(
      'slo.acme-portal.io/sloth-service: shop (sloth_slo_info in prometheus:default)',
    );
  });

  it('names the annotation when there is no source, no discovery, or it fails', async () => {
    const annotated = entity({ 'slo.acme-portal.io/sloth-service': 'shop' });
    const none = await withSlothDiscovery(annotated, loaded, undefined);
    expect(none.failed).toBe(false);
    expect(none.definitions.errors[0]).toMatchObject({
      path: 'metadata.annotations["slo.acme-portal.io/sloth-service"]',
      message: expect.stringMatching(/^no metric source/),
    });
    const cannot = await withSlothDiscovery(annotated, loaded, source());
    expect(cannot.definitions.errors[0].message).toBe(
      'metric source prometheus:default (prometheus) cannot list Sloth SLOs; use a Prometheus source',
    );
    const down = await withSlothDiscovery(
      annotated,
      loaded,
      source(async () => {
        throw new Error('HTTP 503');
      }),
    );
    // not cached: the next read asks again
    expect(down.failed).toBe(true);
    expect(down.definitions.objectives).toEqual(loaded.objectives);
    expect(down.definitions.errors[0].message).toBe(
      'reading sloth_slo_info from prometheus:default failed: HTTP 503',
    );
  });
});
