import { formatRelative } from './time';

describe('formatRelative', () => {
  it('counts from the given instant, not the clock', () => {
    expect(
      formatRelative(
        '2026-01-05T10:00:00Z',
        Date.parse('2026-01-05T13:00:00Z'),
      ),
    ).toBe('3 hours ago');
  });
});
