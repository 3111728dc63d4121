import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { parseJobAnnotation, createAnnotatedJobIndex } from './annotations';

describe('parseJobAnnotation', () => {
  it.each([
    ['shop/deploy', { instance: 'default', jobFullName: 'shop/deploy' }],
    ['eu:payments/deploy', { instance: 'eu', jobFullName: 'payments/deploy' }],
    [' eu : /a//b/ ', { instance: 'eu', jobFullName: 'a/b' }],
    // Kept as Jenkins spells the full name of a multibranch branch.
    [
      'shop/feature%2Flogin',
      { instance: 'default', jobFullName: 'shop/feature%2Flogin' },
    ],
    ['', undefined],
    ['eu:', undefined],
    [':shop', undefined],
  ])('reads %p', (value, expected) => {
    expect(parseJobAnnotation(value)).toEqual(expected);
  });
});

const component = (
  name: string,
  annotations: Record<string, string>,
  kind = 'Component',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
});

describe('createAnnotatedJobIndex', () => {
  it('groups the components by job, preferring job-full-name to github-folder', async () => {
    const catalog = catalogServiceMock({
      entities: [
        component('shop', { 'jenkins.io/job-full-name': 'shop/deploy' }),
        component('Shop-Web', {
          'jenkins.io/job-full-name': 'default:shop/deploy',
        }),
        component('legacy', { 'jenkins.io/github-folder': 'eu:legacy/deploy' }),
        component('both', {
          'jenkins.io/job-full-name': 'both/new',
          'jenkins.io/github-folder': 'both/old',
        }),
        component('none', { 'github.com/project-slug': 'acme/none' }),
        component('api', { 'jenkins.io/job-full-name': 'api' }, 'API'),
      ],
    });
    const jobs = await createAnnotatedJobIndex({
      catalog,
      auth: mockServices.auth(),
    }).get();
    expect(
      [...jobs].sort((a, b) => a.jobFullName.localeCompare(b.jobFullName)),
    ).toEqual([
      {
        instance: 'default',
        jobFullName: 'both/new',
        entityRefs: ['component:default/both'],
      },
      {
        instance: 'eu',
        jobFullName: 'legacy/deploy',
        entityRefs: ['component:default/legacy'],
      },
      {
        instance: 'default',
        jobFullName: 'shop/deploy',
        entityRefs: ['component:default/shop', 'component:default/shop-web'],
      },
    ]);
  });
});
