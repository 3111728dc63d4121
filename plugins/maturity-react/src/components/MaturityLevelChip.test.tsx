import { render, screen } from '@testing-library/react';
import { MaturityLevelChip } from './MaturityLevelChip';

describe('MaturityLevelChip', () => {
  it('shows the level with its name, and explains it on hover', () => {
    render(
      <MaturityLevelChip
        level={3}
        name="Reliable"
        description="SLOs met two periods running"
      />,
    );
    const chip = screen.getByTestId('maturity-level-chip');
    expect(chip).toHaveTextContent('L3 Reliable');
    expect(chip).toHaveAttribute('data-level', '3');
    expect(chip).toHaveAttribute('title', 'SLOs met two periods running');
  });

  it('is an outlined "Not rated" without a level', () => {
    render(<MaturityLevelChip level={null} />);
    const chip = screen.getByTestId('maturity-level-chip');
    expect(chip).toHaveTextContent('Not rated');
    expect(chip).toHaveAttribute('data-level', '');
    expect(chip.className).toMatch(/outlined/);
  });
});
