import { annotatedComponent } from '../testUtils/sourceTestBackend';
import {
  attributeFlag,
  FlagAnnotations,
  FlagClaim,
  flagClaimsOf,
} from './attribution';

const annotations: FlagAnnotations = {
  project: 'launchdarkly.com/project-key',
  prefix: 'launchdarkly.com/flag-prefix',
};

const claim = (
  name: string,
  projects: string[],
  prefixes: string[] = [],
): FlagClaim => ({
  entityRef: `component:default/${name}`,
  projects,
  prefixes,
});

const flag = (project: string, key: string) => ({
  source: 'launchdarkly',
  project,
  key,
});

describe('flagClaimsOf', () => {
  it('reads the project and prefix annotations as lists, skipping components without a project', () => {
    expect(
      flagClaimsOf(
        [
          annotatedComponent('Checkout', {
            'launchdarkly.com/project-key': 'default, shop',
            'launchdarkly.com/flag-prefix': 'checkout-, cart.',
          }),
          annotatedComponent('web', { 'launchdarkly.com/project-key': 'web' }),
          annotatedComponent('docs', {
            'launchdarkly.com/flag-prefix': 'doc-',
          }),
        ],
        annotations,
      ),
    ).toEqual([
      {
        entityRef: 'component:default/checkout',
        projects: ['default', 'shop'],
        prefixes: ['checkout-', 'cart.'],
      },
      { entityRef: 'component:default/web', projects: ['web'], prefixes: [] },
    ]);
  });
});

describe('attributeFlag', () => {
  const checkout = claim('checkout', ['default'], ['checkout-']);
  const checkoutV2 = claim('checkout-v2', ['default'], ['checkout-v2-']);
  const shop = claim('shop', ['default']);

  it('gives a flag to the component whose prefix it starts with, the longest prefix winning', () => {
    const claims = [checkout, checkoutV2, shop];
    expect(
      attributeFlag(claims, flag('default', 'checkout-new-cart'), annotations),
    ).toEqual({ entityRef: 'component:default/checkout' });
    // checkout-v2- (12 characters) is longer than checkout- (9): the narrower claim wins.
    expect(
      attributeFlag(claims, flag('default', 'checkout-v2-wallet'), annotations),
    ).toEqual({ entityRef: 'component:default/checkout-v2' });
    // Projects and prefixes compare without case.
    expect(
      attributeFlag(claims, flag('Default', 'Checkout-New-Cart'), annotations),
    ).toEqual({ entityRef: 'component:default/checkout' });
  });

  it('gives a flag no prefix matches to the one component claiming the rest of the project', () => {
    expect(
      attributeFlag(
        [checkout, shop],
        flag('default', 'dark-mode'),
        annotations,
      ),
    ).toEqual({ entityRef: 'component:default/shop' });
    expect(
      attributeFlag([shop], flag('default', 'anything'), annotations),
    ).toEqual({ entityRef: 'component:default/shop' });
  });

  it('reports a flag of a project no component names', () => {
    expect(
      attributeFlag([checkout], flag('mobile', 'dark-mode'), annotations),
    ).toEqual({
      unmatched: {
        source: 'launchdarkly',
        key: 'mobile/dark-mode',
        reason: 'no component annotated launchdarkly.com/project-key: mobile',
      },
    });
  });

  it('reports a flag no prefix matches when no component claims the rest', () => {
    expect(
      attributeFlag(
        [checkout, checkoutV2],
        flag('default', 'dark-mode'),
        annotations,
      ),
    ).toEqual({
      unmatched: {
        source: 'launchdarkly',
        key: 'default/dark-mode',
        reason:
          'flag dark-mode matches no launchdarkly.com/flag-prefix of component:default/checkout, component:default/checkout-v2 (project default), and no component claims the rest of the project',
      },
    });
  });

  it('reports ties rather than guessing', () => {
    const other = claim('other-checkout', ['default'], ['checkout-']);
    expect(
      attributeFlag(
        [checkout, other],
        flag('default', 'checkout-a'),
        annotations,
      ),
    ).toEqual({
      unmatched: {
        source: 'launchdarkly',
        key: 'default/checkout-a',
        reason:
          'ambiguous: the launchdarkly.com/flag-prefix of component:default/checkout, component:default/other-checkout all match flag checkout-a equally',
      },
    });
    const web = claim('web', ['default']);
    expect(
      attributeFlag([shop, web], flag('default', 'dark-mode'), annotations),
    ).toEqual({
      unmatched: {
        source: 'launchdarkly',
        key: 'default/dark-mode',
        reason:
          'ambiguous: component:default/shop, component:default/web all claim every flag of project default (no launchdarkly.com/flag-prefix)',
      },
    });
  });

  it('cuts the unmatched key to what the store keeps', () => {
    const result = attributeFlag(
      [],
      flag('p', 'k'.repeat(400)),
      annotations,
    ) as { unmatched: { key: string } };
    // "p/" and 298 of the key's 400 characters: the store's 300.
    expect(result.unmatched.key).toHaveLength(300);
  });
});
