import { ComponentDrift } from '../api/types';
import { driftSummary } from './driftSummary';

const row = (
  name: string,
  status: ComponentDrift['status'],
  behind?: ComponentDrift['behind'],
): ComponentDrift => ({
  entityRef: `component:default/${name}`,
  template: 'template:default/typescript-service',
  status,
  ...(behind ? { behind } : {}),
});

describe('driftSummary', () => {
  it('lists what is not current, furthest behind first', () => {
    const summary = driftSummary([
      row('a-current', 'current'),
      row('b-patch', 'behind', { level: 'patch', count: 5 }),
      row('c-unknown', 'unknown-template'),
      row('d-minor-1', 'behind', { level: 'minor', count: 1 }),
      row('e-major', 'behind', { level: 'major', count: 1 }),
      row('f-minor-3', 'behind', { level: 'minor', count: 3 }),
    ]);
    expect(summary.total).toBe(6);
    expect(summary.current).toBe(1); // 6 rows - 5 not current
    expect(summary.drifting.map(r => r.entityRef.split('/')[1])).toEqual([
      'e-major',
      'f-minor-3',
      'd-minor-1',
      'b-patch',
      'c-unknown',
    ]);
  });

  it('is empty for no component', () => {
    expect(driftSummary([])).toEqual({ total: 0, current: 0, drifting: [] });
  });
});
