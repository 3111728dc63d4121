import { ConfigReader } from '@backstage/config';
import { defaultRubric } from '@internal/backstage-plugin-maturity-common';
import { readMaturityConfig } from './config';

const initiative = {
  id: 'measured',
  title: 'Measured',
  target: { level: 2 },
  scope: { teams: ['payments'] },
  startsAt: '2026-01-01',
  deadline: '2026-06-30',
};

describe('readMaturityConfig', () => {
  it('defaults: the shipped rubric, every 30 minutes, soon after start', () => {
    const config = readMaturityConfig(new ConfigReader({}));
    expect(config.rubric).toBe(defaultRubric);
    expect(config.initiatives).toEqual([]);
    expect(config.collection).toEqual({
      frequency: { minutes: 30 },
      initialDelay: { seconds: 20 },
      batchSize: 100,
      maxFactAgeMs: 7 * 86_400_000,
    });
  });

  it('refuses a bad rubric or initiative at start, naming the field', () => {
    expect(() =>
      readMaturityConfig(
        new ConfigReader({
          maturity: { rubric: { ...defaultRubric, levels: [] } as any },
        }),
      ),
    ).toThrow(/levels: /);
    expect(() =>
      readMaturityConfig(
        new ConfigReader({
          maturity: {
            initiatives: [{ ...initiative, deadline: '2025-01-01' }],
          },
        }),
      ),
    ).toThrow(
      'maturity.initiatives.0.deadline: deadline must be after startsAt',
    );
    expect(() =>
      readMaturityConfig(
        new ConfigReader({
          maturity: {
            initiatives: [{ ...initiative, target: { checks: ['nope'] } }],
          },
        }),
      ),
    ).toThrow(
      'maturity.initiatives.0.target.checks: no check nope in the rubric',
    );
    expect(() =>
      readMaturityConfig(
        new ConfigReader({
          maturity: { initiatives: [{ ...initiative, target: { level: 5 } }] },
        }),
      ),
    ).toThrow('maturity.initiatives.0.target.level: no level 5 in the rubric');
    expect(() =>
      readMaturityConfig(
        new ConfigReader({ maturity: { collection: { batchSize: 0 } } }),
      ),
    ).toThrow(/maturity.collection.batchSize/);
  });
});
