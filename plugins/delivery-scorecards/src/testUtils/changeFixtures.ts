/*
 * Pull requests of component:default/checkout in the scorecards' window (2026-01-05 ..
 * 2026-01-12) and what the backend answers for them: the breakdown is worked out by
 * delivery-common's `leadTimeBreakdown` (the backend's own definition) over these
 * events, and asserted by hand below and in the component tests.
 */
import {
  ChangeEvent,
  ChangeFlow,
  DeploymentEvent,
  LeadTimeBreakdown,
  leadTimeBreakdown,
  ListedChange,
} from '@internal/backstage-plugin-delivery-common';

const FROM = '2026-01-05T00:00:00.000Z';
const TO = '2026-01-12T00:00:00.000Z';
const CHECKOUT = 'component:default/checkout';

const deployment = (
  id: string,
  finishedAt: string,
  shas: string[],
): DeploymentEvent & { finishedAt: string } => ({
  kind: 'deployment',
  source: 'github',
  id,
  entityRef: CHECKOUT,
  environment: 'production',
  status: 'success',
  startedAt: finishedAt,
  finishedAt,
  version: `v-${id}`,
  url: `https://ci.example.com/runs/${id}`,
  commits: shas.map(sha => ({ sha, committedAt: '2026-01-04T00:00:00Z' })),
});

const deployments = [
  deployment('d1', '2026-01-06T12:00:00Z', ['m1', 'm2']),
  deployment('d2', '2026-01-08T00:00:00Z', ['m3']),
];

const change = (
  over: Partial<ChangeEvent> & { number: number },
): ChangeEvent => ({
  kind: 'change',
  source: 'github',
  id: `acme/checkout#${over.number}`,
  entityRef: CHECKOUT,
  url: `https://github.com/acme/checkout/pull/${over.number}`,
  author: 'alice',
  openedAt: FROM,
  commits: [],
  ...over,
});

/**
 * #101: first commit 06:00, opened 08:00, reviewed 10:00, merged 14:00 on Jan 5,
 *   shipped by d1 (Jan 6 12:00): coding 2, pickup 2, review 4, deploy 22 h; 50 lines.
 * #102: first commit Jan 5 20:00, opened Jan 6 00:00, merged 02:00 without review,
 *   shipped by d1: coding 4, deploy 10 h; 8 lines.
 * #103: first commit Jan 6 08:00, opened 14:00, reviewed 20:00, merged Jan 7 00:00,
 *   shipped by d2 (Jan 8 00:00): coding 6, pickup 6, review 4, deploy 24 h; 400 lines.
 * #104: merged Jan 10 00:00 and in no deployment: awaiting deploy.
 * #105: open, a draft.
 */
export const checkoutChanges: ChangeEvent[] = [
  change({
    number: 101,
    title: 'Add cart',
    openedAt: '2026-01-05T08:00:00Z',
    firstReviewAt: '2026-01-05T10:00:00Z',
    mergedAt: '2026-01-05T14:00:00Z',
    mergeCommitSha: 'm1',
    additions: 40,
    deletions: 10,
    commits: [{ sha: 'b1', committedAt: '2026-01-05T06:00:00Z' }],
  }),
  change({
    number: 102,
    title: 'Fix totals',
    openedAt: '2026-01-06T00:00:00Z',
    mergedAt: '2026-01-06T02:00:00Z',
    mergeCommitSha: 'm2',
    additions: 5,
    deletions: 3,
    commits: [{ sha: 'b2', committedAt: '2026-01-05T20:00:00Z' }],
  }),
  change({
    number: 103,
    title: 'Refactor pricing',
    openedAt: '2026-01-06T14:00:00Z',
    firstReviewAt: '2026-01-06T20:00:00Z',
    mergedAt: '2026-01-07T00:00:00Z',
    mergeCommitSha: 'm3',
    additions: 300,
    deletions: 100,
    commits: [{ sha: 'b3', committedAt: '2026-01-06T08:00:00Z' }],
  }),
  change({
    number: 104,
    title: 'Add coupons',
    openedAt: '2026-01-09T10:00:00Z',
    firstReviewAt: '2026-01-09T12:00:00Z',
    mergedAt: '2026-01-10T00:00:00Z',
    mergeCommitSha: 'm4',
    additions: 20,
    deletions: 0,
    commits: [{ sha: 'b4', committedAt: '2026-01-09T09:00:00Z' }],
  }),
  change({
    number: 105,
    title: 'Try new checkout',
    openedAt: '2026-01-11T10:00:00Z',
    draft: true,
    commits: [{ sha: 'b5', committedAt: '2026-01-11T09:00:00Z' }],
  }),
];

/**
 * Counted: #101..#103 (3), reviewed #101, #103, unreviewed #102, awaiting #104.
 * coding [2, 4, 6]: median 4, p90 at 0.9 * 2 = 1.8: 4 + 0.8 * 2 = 5.6.
 * pickup [2, 6]: median 4, p90 at 0.9: 2 + 0.9 * 4 = 5.6. review [4, 4]: 4, 4.
 * deploy [10, 22, 24]: median 22, p90 at 1.8: 22 + 0.8 * 2 = 23.6.
 */
export const checkoutBreakdown: LeadTimeBreakdown = leadTimeBreakdown({
  changes: checkoutChanges,
  deployments,
  from: FROM,
  to: TO,
});

export const emptyBreakdown: LeadTimeBreakdown = leadTimeBreakdown({
  changes: [],
  deployments: [],
  from: FROM,
  to: TO,
});

/** One week, the window's; sizes of the counted: XS #102, S #101, L #103. */
export const checkoutChangeFlow: ChangeFlow = {
  entityRef: CHECKOUT,
  from: FROM,
  to: TO,
  components: [CHECKOUT],
  weeks: [
    {
      from: '2025-12-29T00:00:00.000Z',
      to: FROM,
      breakdown: emptyBreakdown,
    },
    { from: FROM, to: TO, breakdown: checkoutBreakdown },
  ],
  sizes: { XS: 1, S: 1, M: 0, L: 1, XL: 0, unknown: 0 },
};

export const emptyChangeFlow: ChangeFlow = {
  ...checkoutChangeFlow,
  weeks: [{ from: FROM, to: TO, breakdown: emptyBreakdown }],
  sizes: { XS: 0, S: 0, M: 0, L: 0, XL: 0, unknown: 0 },
};

const listed = (
  event: ChangeEvent,
  over: Pick<ListedChange, 'state' | 'reviewed'> & Partial<ListedChange>,
): ListedChange => {
  const { kind: _kind, commits: _commits, ...fields } = event;
  return { ...fields, ...over };
};

const shippedBy = (d: DeploymentEvent & { finishedAt: string }) => ({
  source: d.source,
  id: d.id,
  environment: d.environment,
  finishedAt: d.finishedAt,
  version: d.version,
  url: d.url,
});

/** GET /changes for the window, newest first (stages as worked out above). */
export const checkoutListedChanges: ListedChange[] = [
  listed(checkoutChanges[3], { state: 'awaiting-deploy', reviewed: true }),
  listed(checkoutChanges[2], {
    state: 'deployed',
    reviewed: true,
    stages: { coding: 6, pickup: 6, review: 4, deploy: 24 },
    deployment: shippedBy(deployments[1]),
  }),
  listed(checkoutChanges[1], {
    state: 'deployed',
    reviewed: false,
    stages: { coding: 4, pickup: null, review: null, deploy: 10 },
    deployment: shippedBy(deployments[0]),
  }),
  listed(checkoutChanges[0], {
    state: 'deployed',
    reviewed: true,
    stages: { coding: 2, pickup: 2, review: 4, deploy: 22 },
    deployment: shippedBy(deployments[0]),
  }),
];
