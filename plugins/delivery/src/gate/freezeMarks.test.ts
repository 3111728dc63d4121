import { GateDecisionRecord } from '@internal/backstage-plugin-delivery-react';
import {
  describeFreezeMark,
  freezeMarks,
  MarkableDeployment,
} from './freezeMarks';

/*
 * checkout is frozen since 2026-01-05T10:00Z (still). Its deployments that day
 * (production unless said, 10 minutes each):
 *   a 09:00 v1.4.2  before the freeze                          -> unmarked
 *   b 11:00 v1.4.3  denied 10:55, overridden by lead 10:58      -> overridden (latest)
 *   c 12:00 v1.4.4  commit abcdef123456; denied 11:58 naming
 *                   commitSha ABCDEF1 (no version)              -> denied
 *   d 13:00 v1.4.5  no decision of checkout (cart's at 12:59)   -> not gated
 *   e 13:30 v1.4.6  staging                                     -> unmarked
 *   f 14:00 v1.4.7  allowed 13:59 (a rollback)                   -> unmarked
 *   g 14:30 v1.4.8  cancelled                                   -> unmarked
 *   h 16:00 v1.4.3  the same version as b, whose decisions are
 *                   more than an hour before its start           -> not gated
 *   j 2026-01-04T12:00 v1.4.1  before the period, but flagged by the SLO plugin as made
 *                   while the budget was exhausted               -> not gated
 */
const CHECKOUT = 'component:default/checkout';
const at = (time: string) => `2026-01-05T${time}:00.000Z`;
const plusTen = (iso: string) =>
  new Date(Date.parse(iso) + 600_000).toISOString();

const deployment = (
  id: string,
  startedAt: string,
  more: Partial<MarkableDeployment> = {},
): MarkableDeployment => ({
  source: 'github',
  id,
  entityRef: CHECKOUT,
  environment: 'production',
  status: 'success',
  startedAt,
  finishedAt: plusTen(startedAt),
  ...more,
});

const decision = (
  decisionId: string,
  createdAt: string,
  verdict: GateDecisionRecord['decision'],
  request: GateDecisionRecord['request'],
  more: Partial<GateDecisionRecord> = {},
): GateDecisionRecord => ({
  decisionId,
  createdAt,
  entityRef: CHECKOUT,
  environment: 'production',
  decision: verdict,
  request,
  ...more,
});

const deployments = [
  deployment('a', at('09:00'), { version: 'v1.4.2' }),
  deployment('b', at('11:00'), { version: 'v1.4.3' }),
  deployment('c', at('12:00'), {
    version: 'v1.4.4',
    commits: [{ sha: 'abcdef123456' }],
  }),
  deployment('d', at('13:00'), { version: 'v1.4.5' }),
  deployment('e', at('13:30'), { version: 'v1.4.6', environment: 'staging' }),
  deployment('f', at('14:00'), { version: 'v1.4.7' }),
  deployment('g', at('14:30'), { version: 'v1.4.8', status: 'cancelled' }),
  deployment('h', at('16:00'), { version: 'v1.4.3' }),
  deployment('j', '2026-01-04T12:00:00.000Z', { version: 'v1.4.1' }),
];

const decisions = [
  decision('deny-b', at('10:55'), 'deny', { version: 'v1.4.3' }),
  decision(
    'override-b',
    at('10:58'),
    'allow',
    { version: 'v1.4.3' },
    { override: { by: 'user:default/lead', reason: 'security fix CVE-1' } },
  ),
  decision('deny-c', at('11:58'), 'deny', { commitSha: 'ABCDEF1' }),
  decision(
    'cart-d',
    at('12:59'),
    'allow',
    { version: 'v1.4.5' },
    { entityRef: 'component:default/cart' },
  ),
  decision('rollback-f', at('13:59'), 'allow', { version: 'v1.4.7' }),
];

const isProduction = (environment: string) =>
  ['production', 'prod'].includes(environment.toLowerCase());

describe('freezeMarks', () => {
  it('marks the production deployments of a freeze the gate did not let through', () => {
    expect(
      freezeMarks({
        deployments,
        freezes: [
          { entityRef: 'Component:default/Checkout', from: at('10:00') },
        ],
        madeWhileFrozen: new Set(['github/j']),
        decisions,
        isProduction,
      }),
    ).toEqual({
      'github/b': {
        kind: 'overridden',
        by: 'user:default/lead',
        reason: 'security fix CVE-1',
        decisionId: 'override-b',
        decidedAt: at('10:58'),
      },
      'github/c': {
        kind: 'denied',
        decisionId: 'deny-c',
        decidedAt: at('11:58'),
      },
      'github/d': { kind: 'not-gated' },
      'github/h': { kind: 'not-gated' },
      'github/j': { kind: 'not-gated' },
    });
  });

  it('marks nothing after a freeze ended, nor for another component’s freeze', () => {
    expect(
      freezeMarks({
        deployments,
        freezes: [
          { entityRef: CHECKOUT, from: at('10:00'), to: at('12:30') },
          { entityRef: 'component:default/cart', from: at('00:00') },
        ],
        decisions,
        isProduction,
      }),
    ).toEqual({
      'github/b': expect.objectContaining({ kind: 'overridden' }),
      'github/c': expect.objectContaining({ kind: 'denied' }),
    });
  });

  it('says each mark in words', () => {
    expect(
      describeFreezeMark({
        kind: 'overridden',
        by: 'user:default/lead',
        reason: 'security fix CVE-1',
        decisionId: 'x',
        decidedAt: at('10:58'),
      }),
    ).toBe(
      'Deployed during a freeze: the deploy gate denied it, overridden by user:default/lead: security fix CVE-1',
    );
    expect(describeFreezeMark({ kind: 'not-gated' })).toBe(
      'Deployed during a freeze without a deploy gate decision',
    );
  });
});
