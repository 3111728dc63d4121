import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { pickComponent, ServiceIndex } from './services';
import { annotatedComponent } from '@internal/backstage-plugin-delivery-node/testUtils';

const component = annotatedComponent;

describe('pickComponent', () => {
  const service = { id: 'PIJ90N7', name: 'My Mail Service' };
  it('gives the incident to the one component claiming the service', () => {
    expect(pickComponent(service, ['component:default/mail'])).toEqual({
      entityRef: 'component:default/mail',
    });
  });

  it('reports a service nobody claims, or several claim', () => {
    expect(pickComponent(service, [])).toEqual({
      unmatched: {
        source: 'pagerduty',
        key: 'PIJ90N7',
        reason:
          'no component annotated pagerduty.com/service-id (or an integration key of it): PIJ90N7 (My Mail Service)',
      },
    });
    expect(
      pickComponent({ id: 'PIJ90N7' }, [
        'component:default/a',
        'component:default/b',
      ]),
    ).toEqual({
      unmatched: {
        source: 'pagerduty',
        key: 'PIJ90N7',
        reason:
          'ambiguous: several components claim PagerDuty service PIJ90N7: component:default/a, component:default/b',
      },
    });
  });
});

describe('ServiceIndex', () => {
  const entities = [
    component('Mail', { 'pagerduty.com/service-id': 'PIJ90N7' }),
    component('api', { 'pagerduty.com/service-id': ' PF9KMXH , PSHARED ' }),
    component('web', { 'pagerduty.com/integration-key': 'key-web' }),
    component('lost', { 'pagerduty.com/integration-key': 'key-unknown' }),
    component('shared', { 'pagerduty.com/service-id': 'PSHARED' }),
    component('repo-only', { 'github.com/project-slug': 'acme/x' }),
  ];
  const make = (resolve?: (key: string) => Promise<string | undefined>) =>
    new ServiceIndex({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      resolveIntegrationKey: resolve,
    });

  it('indexes service ids, comma-separated lists and resolved integration keys', async () => {
    const resolve = jest.fn(async (key: string) =>
      key === 'key-web' ? 'PWEB001' : undefined,
    );
    const index = make(resolve);
    expect(await index.serviceIds()).toEqual([
      'PF9KMXH',
      'PIJ90N7',
      'PSHARED',
      'PWEB001',
    ]);
    expect(await index.componentsOf('PIJ90N7')).toEqual([
      'component:default/mail',
    ]);
    expect(await index.componentsOf('PSHARED')).toEqual([
      'component:default/api',
      'component:default/shared',
    ]);
    expect(await index.componentsOf('PWEB001')).toEqual([
      'component:default/web',
    ]);
    // Loaded once for all these questions.
    expect(resolve).toHaveBeenCalledTimes(2);
  });

  it('ignores integration keys without the REST API', async () => {
    const index = make(undefined);
    expect(await index.serviceIds()).toEqual(['PF9KMXH', 'PIJ90N7', 'PSHARED']);
  });
});
