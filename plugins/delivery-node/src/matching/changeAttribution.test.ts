import {
  attributeChange,
  changeAttributionNeedsFiles,
  ComponentPaths,
} from './changeAttribution';

const component = (name: string, paths: string[] = []): ComponentPaths => ({
  entityRef: `component:default/${name}`,
  paths,
});
const cart = component('cart', ['services/cart', 'libs/cart-model']);
const web = component('web', ['apps/web']);
const platform = component('platform');
const docs = component('docs');

describe('attributeChange', () => {
  it('gives the one component of a repository without paths every change, files known or not', () => {
    expect(attributeChange([platform], ['anything.md'])).toEqual({
      entityRefs: ['component:default/platform'],
    });
    expect(attributeChange([platform], undefined)).toEqual({
      entityRefs: ['component:default/platform'],
    });
  });

  it('gives a change to each component whose paths its files touch, and not to the one without paths', () => {
    // libs/cart-model/price.ts is under cart's libs/cart-model, apps/web/cart.tsx
    // under web's apps/web; README.md is under neither, but a path was touched.
    expect(
      attributeChange(
        [cart, web, platform],
        ['libs/cart-model/price.ts', 'apps/web/cart.tsx', 'README.md'],
      ),
    ).toEqual({
      entityRefs: ['component:default/cart', 'component:default/web'],
    });
    // apps/website is a sibling of apps/web, not under it; services/cart is a path itself.
    expect(
      attributeChange(
        [cart, web],
        ['apps/website/index.html', 'services/cart'],
      ),
    ).toEqual({ entityRefs: ['component:default/cart'] });
  });

  it('gives a change touching no component’s paths to the one component without paths', () => {
    expect(
      attributeChange([cart, web, platform], ['.github/workflows/ci.yml']),
    ).toEqual({ entityRefs: ['component:default/platform'] });
    // A change with no files touches no paths either.
    expect(attributeChange([cart, platform], [])).toEqual({
      entityRefs: ['component:default/platform'],
    });
  });

  it('reports a change touching no paths, with no component without paths, rather than guessing', () => {
    expect(attributeChange([cart, web], ['docs/a.md', 'README.md'])).toEqual({
      unmatchedReason:
        'its 2 changed files touch the delivery.acme-portal.io/paths of none of component:default/cart, component:default/web; no component claims the whole repository (none without delivery.acme-portal.io/paths)',
    });
    // A component's paths are a claim even when it is alone on the repository.
    expect(attributeChange([web], ['docs/a.md'])).toEqual({
      unmatchedReason:
        'its 1 changed file touches the delivery.acme-portal.io/paths of none of component:default/web; no component claims the whole repository (none without delivery.acme-portal.io/paths)',
    });
  });

  it('reports a change touching no paths when several components are without paths', () => {
    expect(attributeChange([cart, platform, docs], ['a.md'])).toEqual({
      unmatchedReason:
        'its 1 changed file touches the delivery.acme-portal.io/paths of none of component:default/cart; component:default/platform, component:default/docs all claim the whole repository (no delivery.acme-portal.io/paths)',
    });
    // No paths at all: the files cannot tell two whole-repository claims apart.
    expect(attributeChange([platform, docs], ['a.md'])).toEqual({
      unmatchedReason:
        'component:default/platform, component:default/docs all claim the whole repository (no delivery.acme-portal.io/paths)',
    });
  });

  it('reports a change whose files are unknown when paths decide, even beside one component without paths', () => {
    expect(attributeChange([cart, web, platform], undefined)).toEqual({
      unmatchedReason:
        'its changed files are unknown, so whether it touches the delivery.acme-portal.io/paths of component:default/cart, component:default/web cannot be told',
    });
  });

  it('reports a change of a repository with no component', () => {
    expect(attributeChange([], ['a.md'])).toEqual({
      unmatchedReason: 'no component is on the repository',
    });
  });
});

describe('changeAttributionNeedsFiles', () => {
  it('needs the files only when a component has paths', () => {
    expect(changeAttributionNeedsFiles([platform])).toBe(false);
    expect(changeAttributionNeedsFiles([platform, docs])).toBe(false);
    expect(changeAttributionNeedsFiles([web, platform])).toBe(true);
  });
});
