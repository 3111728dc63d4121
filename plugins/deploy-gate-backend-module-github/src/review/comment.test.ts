import { DecisionResponse } from '@internal/backstage-plugin-deploy-gate-common';
import { backoffAfter } from './Reviewer';
import {
  MAX_COMMENT_LENGTH,
  portalLink,
  reviewComment,
  reviewStateOf,
} from './comment';

const answer: DecisionResponse = {
  decision: 'warn',
  reasons: [
    { code: 'no-objectives', message: 'no figures', link: 'http://p/slos' },
    { code: 'stale-figures', message: 'stale' },
  ],
  policy: { frozen: false, asOf: '2026-01-06T09:00:00.000Z' } as never,
  decisionId: 'd-1',
};

describe('review comment', () => {
  it('approves allow and warn, rejects deny', () => {
    expect(reviewStateOf('allow')).toBe('approved');
    expect(reviewStateOf('warn')).toBe('approved');
    expect(reviewStateOf('deny')).toBe('rejected');
  });

  it('lists the reasons with their links and ends on the portal link', () => {
    expect(
      reviewComment({
        entityRef: 'component:shop/web',
        environment: 'production',
        answer,
        appBaseUrl: 'https://portal.example.com/',
      }),
    ).toBe(
      [
        'Deploy gate: warn for component:shop/web to production.',
        '- no figures (http://p/slos)',
        '- stale',
        'Decision d-1: https://portal.example.com/catalog/shop/component/web',
      ].join('\n'),
    );
    expect(portalLink('component:shop/web')).toBeUndefined();
  });

  it('cuts a long comment to MAX_COMMENT_LENGTH', () => {
    const long = reviewComment({
      entityRef: 'component:default/web',
      environment: 'production',
      answer: {
        ...answer,
        reasons: [{ code: 'x', message: 'y'.repeat(5000) }],
      },
    });
    expect(long).toHaveLength(MAX_COMMENT_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });

  it('doubles the backoff after each failed attempt', () => {
    expect([1, 2, 3, 4].map(n => backoffAfter(n, 30_000))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
  });
});
