import { assessDataQuality } from './dataQuality';

const base = { expectedPoints: 720, presentPoints: 720, budget: 0.001 };

describe('data quality', () => {
  it('is ok with full coverage and enough traffic', () => {
    const quality = assessDataQuality({ ...base, totalEvents: 1_000_000 });
    expect(quality.status).toBe('ok');
    expect(quality.lowTraffic).toBe(false);
    expect(quality.coverage).toBe(1);
  });

  it('flags low traffic: 5,000 events allow only 5 bad ones at 99.9%', () => {
    const quality = assessDataQuality({ ...base, totalEvents: 5000 });
    expect(quality.status).toBe('ok');
    expect(quality.lowTraffic).toBe(true);
    expect(quality.reason).toBe(
      'only 5000 events: the budget allows fewer than 10 bad ones',
    );
  });

  it('tells partial, no traffic, no data and error apart', () => {
    const partial = assessDataQuality({
      ...base,
      presentPoints: 540,
      totalEvents: 1_000_000,
    });
    expect(partial.status).toBe('partial');
    expect(partial.coverage).toBe(0.75);
    expect(assessDataQuality({ ...base, totalEvents: 0 }).status).toBe(
      'no_traffic',
    );
    expect(
      assessDataQuality({ ...base, presentPoints: 0, totalEvents: 0 }).status,
    ).toBe('no_data');
    expect(
      assessDataQuality({ ...base, totalEvents: 5, queryError: 'timeout' }),
    ).toEqual({
      status: 'error',
      lowTraffic: false,
      coverage: 1,
      reason: 'query failed: timeout',
    });
  });
});
