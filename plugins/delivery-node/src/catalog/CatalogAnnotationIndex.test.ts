import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { annotatedComponent } from '../testUtils/sourceTestBackend';
import {
  CATALOG_INDEX_MAX_AGE_MS,
  CatalogAnnotationIndex,
} from './CatalogAnnotationIndex';

const entities: Entity[] = [
  annotatedComponent('shop', { 'example.com/a': 'one' }),
  annotatedComponent('cart', { 'example.com/b': 'two' }),
  annotatedComponent('other', { 'example.com/c': 'three' }),
  { ...annotatedComponent('api', { 'example.com/a': 'x' }), kind: 'API' },
];

describe('CatalogAnnotationIndex', () => {
  const setup = () => {
    const catalog = catalogServiceMock({ entities });
    const stream = jest.spyOn(catalog, 'streamEntities');
    let now = 1_000;
    const build = jest.fn((components: Entity[]) =>
      components.map(c => c.metadata.name).sort(),
    );
    const index = new CatalogAnnotationIndex({
      catalog,
      auth: mockServices.auth(),
      annotations: ['example.com/a', 'example.com/b'],
      build,
      now: () => now,
    });
    return { index, stream, build, tick: (ms: number) => (now += ms) };
  };

  it('reads the components carrying any of the annotations', async () => {
    const { index } = setup();
    expect(await index.get()).toEqual(['cart', 'shop']);
  });

  it('asks the catalog again only after a minute', async () => {
    const { index, stream, tick } = setup();
    await index.get();
    tick(CATALOG_INDEX_MAX_AGE_MS - 1);
    await index.get();
    expect(stream).toHaveBeenCalledTimes(1);
    tick(1);
    await index.get();
    expect(stream).toHaveBeenCalledTimes(2);
  });

  it('shares one catalog query between concurrent callers', async () => {
    const { index, stream, build } = setup();
    const [a, b] = await Promise.all([index.get(), index.get()]);
    expect(a).toBe(b);
    expect(stream).toHaveBeenCalledTimes(1);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it('does not remember a failed read', async () => {
    const { index, stream } = setup();
    stream.mockImplementationOnce(() => {
      throw new Error('catalog down');
    });
    await expect(index.get()).rejects.toThrow('catalog down');
    expect(await index.get()).toEqual(['cart', 'shop']);
  });
});
