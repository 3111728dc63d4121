import { describeGoldenPathCell } from './goldenPathCell';

describe('describeGoldenPathCell', () => {
  it('says how far behind the template the component is', () => {
    // 1.0.0 -> 1.3.0: 3 minor versions behind.
    expect(
      describeGoldenPathCell({
        entityRef: 'component:default/cart',
        template: 'template:default/typescript-service',
        version: '1.0.0',
        latestVersion: '1.3.0',
        status: 'behind',
        behind: { level: 'minor', count: 3 },
      }),
    ).toEqual({
      text: '3 minor versions behind',
      status: 'behind',
      lines: ['typescript-service 1.0.0, latest 1.3.0'],
    });
  });

  it('has no status for a component not made from a golden path', () => {
    expect(describeGoldenPathCell(null)).toEqual({
      text: null,
      status: 'none',
      lines: [
        'Not made from a golden path (no golden-path.acme-portal.io/template annotation)',
      ],
    });
  });
});
