import {
  annotatedPaths,
  isUnderPath,
  normaliseRepositoryPath,
  touchesPaths,
} from './repositoryPaths';

describe('repository paths', () => {
  it.each([
    ['services/cart', 'services/cart'],
    ['./services/cart/', 'services/cart'],
    ['/services/cart//', 'services/cart'],
    [' services/cart ', 'services/cart'],
    ['.', ''],
    ['/', ''],
  ])('normalises %p to %p', (path, expected) => {
    expect(normaliseRepositoryPath(path)).toBe(expected);
  });

  it('reads the annotation as a list of normalised paths', () => {
    expect(annotatedPaths('services/cart/, ./libs/cart-model')).toEqual([
      'services/cart',
      'libs/cart-model',
    ]);
    expect(annotatedPaths(undefined)).toEqual([]);
  });

  it.each([
    ['services/cart/main.go', 'services/cart', true],
    ['services/cart', 'services/cart', true],
    ['anything/at/all', '', true],
    // A sibling sharing the prefix is not under the path.
    ['services/cart-v2/main.go', 'services/cart', false],
    ['services/main.go', 'services/cart', false],
    // Git paths compare with case.
    ['Services/cart/main.go', 'services/cart', false],
  ])('%p under %p: %p', (file, path, expected) => {
    expect(isUnderPath(file, path)).toBe(expected);
  });

  it('says whether any file touches any path', () => {
    const files = ['docs/readme.md', 'apps/web/index.ts'];
    expect(touchesPaths(files, ['services/cart', 'apps/web'])).toBe(true);
    expect(touchesPaths(files, ['services/cart'])).toBe(false);
    expect(touchesPaths([], ['apps/web'])).toBe(false);
    expect(touchesPaths(files, [])).toBe(false);
  });
});
