import { evaluateComponent } from './levels';
import {
  initiativeProgress,
  initiativeSchema,
  reachedMilestones,
} from './initiatives';
import { defaultRubric } from './rubric';
import { matureFacts } from './testFacts';

const NOW = '2026-12-01T00:00:00Z';

describe('initiatives', () => {
  const reliable = evaluateComponent(
    defaultRubric,
    matureFacts('component:default/a'),
    NOW,
  );
  const noRunbookFacts = matureFacts('component:default/b');
  noRunbookFacts.catalog.links = [];
  const measuredOnly = evaluateComponent(defaultRubric, noRunbookFacts, NOW);

  it('counts components meeting a level target', () => {
    expect(measuredOnly.level).toBe(1);
    expect(
      initiativeProgress({ target: { level: 3 } }, [reliable, measuredOnly]),
    ).toEqual({
      components: 2,
      done: 1,
      ratio: 0.5,
      complete: false,
      remaining: ['component:default/b'],
    });
  });

  it('counts components passing a set of checks; not applicable counts as met', () => {
    const facts = matureFacts('component:default/c');
    facts.goldenPath = {};
    const handMade = evaluateComponent(defaultRubric, facts, NOW);
    expect(
      initiativeProgress({ target: { checks: ['golden-path', 'owner'] } }, [
        reliable,
        handMade,
      ]),
    ).toMatchObject({ done: 2, ratio: 1, complete: true });
  });

  it('has no ratio without components in scope, and is not complete', () => {
    expect(initiativeProgress({ target: { level: 1 } }, [])).toEqual({
      components: 0,
      done: 0,
      ratio: null,
      complete: false,
      remaining: [],
    });
  });

  it('reaches milestones a month and a week before the deadline, once running', () => {
    const initiative = {
      startsAt: '2026-10-01',
      deadline: '2027-01-15T00:00:00Z',
    };
    const open = { complete: false };
    expect(reachedMilestones(initiative, open, '2026-09-30T23:59:59Z')).toEqual(
      [],
    );
    expect(reachedMilestones(initiative, open, '2026-12-14T23:59:59Z')).toEqual(
      ['started'],
    );
    expect(reachedMilestones(initiative, open, '2026-12-15T00:00:00Z')).toEqual(
      ['started', 'month-before-deadline'],
    );
    expect(reachedMilestones(initiative, open, '2027-01-08T00:00:00Z')).toEqual(
      ['started', 'month-before-deadline', 'week-before-deadline'],
    );
    expect(reachedMilestones(initiative, open, '2027-01-15T00:00:00Z')).toEqual(
      ['started'],
    );
    expect(
      reachedMilestones(initiative, { complete: true }, '2026-12-20T00:00:00Z'),
    ).toEqual(['started', 'completed']);
    // Started ten days before its deadline: no month reminder.
    expect(
      reachedMilestones(
        { startsAt: '2027-01-05', deadline: '2027-01-15' },
        open,
        '2027-01-09T00:00:00Z',
      ),
    ).toEqual(['started', 'week-before-deadline']);
  });

  it('refuses a deadline before the start and an empty scope, naming the fields', () => {
    const parsed = initiativeSchema.safeParse({
      id: 'reliable-checkout',
      title: 'Checkout reliable',
      target: { level: 3 },
      scope: {},
      startsAt: '2027-01-01',
      deadline: '2026-12-01',
    });
    expect(parsed.success).toBe(false);
    expect(
      parsed.error!.issues.map(i => [i.path.join('.'), i.message]),
    ).toEqual([
      ['scope', 'name at least one team, system or tag'],
      ['deadline', 'deadline must be after startsAt'],
    ]);
  });
});
