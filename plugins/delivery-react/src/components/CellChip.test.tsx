import { render, screen } from '@testing-library/react';
import { CellChip } from './CellChip';

describe('CellChip', () => {
  it('shows the label filled with its colour, keeping the attributes given', () => {
    render(
      <CellChip
        label="Failure"
        color="#D55E00"
        title="why"
        data-outcome="failure"
      />,
    );
    const chip = screen.getByText('Failure');
    expect(chip).toHaveAttribute('data-outcome', 'failure');
    expect(chip).toHaveAttribute('title', 'why');
    expect(chip).toHaveStyle({ backgroundColor: '#D55E00', color: '#fff' });
  });

  it('is outlined in the text colour without a colour', () => {
    render(<CellChip label="stale" />);
    expect(screen.getByText('stale').style.border).toMatch(/^1px solid/);
    expect(screen.getByText('stale').style.backgroundColor).toBe('');
  });
});
