import { diffEpisodes, Episode } from './episodes';

const episode = (key: string, subject: string): Episode => ({
  key,
  subject,
  topic: 'slo-burn-rate',
  entityRef: 'component:default/cart',
  recipients: ['group:default/team-checkout'],
  link: '/catalog/default/component/cart/slos',
  start: { title: `${key} started` },
  end: { title: `${key} ended` },
});

describe('diffEpisodes', () => {
  it('starts what is new, keeps what lasts, ends what is gone from an evaluated subject', () => {
    const open = [
      { key: 'a:page', subject: 'a' }, // still firing: no news
      { key: 'a:ticket', subject: 'a' }, // gone, subject a evaluated: ended
      { key: 'b:page', subject: 'b' }, // gone, but b had no data: stays open
    ];
    const current = [episode('a:page', 'a'), episode('c:page', 'c')];
    const diff = diffEpisodes(open, current, new Set(['a', 'c']));
    expect(diff.started.map(e => e.key)).toEqual(['c:page']);
    expect(diff.ended).toEqual(['a:ticket']);
  });

  it('counts a key found twice in one evaluation once', () => {
    const diff = diffEpisodes(
      [],
      [episode('a:page', 'a'), episode('a:page', 'a')],
      new Set(['a']),
    );
    expect(diff.started).toHaveLength(1);
    expect(diff.ended).toEqual([]);
  });

  it('ends nothing and starts nothing when nothing changed', () => {
    expect(
      diffEpisodes(
        [{ key: 'a:page', subject: 'a' }],
        [episode('a:page', 'a')],
        new Set(['a']),
      ),
    ).toEqual({ started: [], ended: [] });
  });
});
