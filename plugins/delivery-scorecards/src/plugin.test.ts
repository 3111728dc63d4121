import {
  deliveryScorecardsPlugin,
  DoraScorecardsPage,
  EntityDoraCard,
  EntityTeamScorecardContent,
} from './plugin';
import alphaPlugin from './alpha';

describe('delivery-scorecards', () => {
  it('exports the legacy plugin and its extensions', () => {
    expect(deliveryScorecardsPlugin.getId()).toBe('delivery-scorecards');
    expect(DoraScorecardsPage).toBeDefined();
    expect(EntityDoraCard).toBeDefined();
    expect(EntityTeamScorecardContent).toBeDefined();
  });

  it('exports the new frontend system plugin from /alpha', () => {
    expect(alphaPlugin.id).toBe('delivery-scorecards');
  });
});
