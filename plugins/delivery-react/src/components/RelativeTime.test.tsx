import { render, screen } from '@testing-library/react';
import { formatExact, RelativeTime } from './time';

describe('RelativeTime', () => {
  it('shows how long ago, with the machine-readable and exact instant', () => {
    render(
      <RelativeTime
        iso="2026-01-05T10:00:00Z"
        now={Date.parse('2026-01-05T13:00:00Z')}
      />,
    );
    const time = screen.getByText('3 hours ago');
    expect(time.tagName).toBe('TIME');
    expect(time).toHaveAttribute('datetime', '2026-01-05T10:00:00Z');
    expect(time).toHaveAttribute('title', formatExact('2026-01-05T10:00:00Z'));
  });
});
