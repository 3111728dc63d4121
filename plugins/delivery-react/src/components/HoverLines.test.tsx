import { render, screen } from '@testing-library/react';
import { HoverLines } from './HoverLines';

describe('HoverLines', () => {
  it('shows the cell as it is, with every line of the explanation on hover', () => {
    render(
      <HoverLines
        lines={[
          'No production deployment reported by any source',
          'Sources: github, argocd/eu',
        ]}
      >
        <span>–</span>
      </HoverLines>,
    );
    expect(screen.getByText('–').parentElement).toHaveAttribute(
      'title',
      'No production deployment reported by any source\nSources: github, argocd/eu',
    );
  });
});
