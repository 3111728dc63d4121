import { notBefore, parseGitlabTime, triggeredBy } from './common';

describe('parseGitlabTime', () => {
  it('reads the API’s ISO-8601 and keeps the offset', () => {
    expect(parseGitlabTime('2016-08-11T11:32:35.444Z')).toBe(
      '2016-08-11T11:32:35.444Z',
    );
    expect(parseGitlabTime('2016-08-11T13:28:26.000+02:00')).toBe(
      '2016-08-11T13:28:26.000+02:00',
    );
  });

  it('reads the Ruby formats of webhook payloads', () => {
    // Deployment events' status_changed_at.
    expect(parseGitlabTime('2021-04-28 21:50:00 +0200')).toBe(
      '2021-04-28T21:50:00.000+02:00',
    );
    // Pipeline events' created_at and finished_at.
    expect(parseGitlabTime('2016-08-12 15:23:28 UTC')).toBe(
      '2016-08-12T15:23:28.000Z',
    );
  });

  it('answers undefined for anything else', () => {
    expect(parseGitlabTime(undefined)).toBeUndefined();
    expect(parseGitlabTime(null)).toBeUndefined();
    expect(parseGitlabTime('')).toBeUndefined();
    expect(parseGitlabTime('yesterday')).toBeUndefined();
    expect(parseGitlabTime('2021-02-30 10:00:00 UTC')).toBeUndefined();
  });
});

describe('notBefore', () => {
  it('raises an end before the start to the start, comparing instants', () => {
    expect(notBefore('2026-01-07T10:00:00+02:00', '2026-01-07T07:59:00Z')).toBe(
      '2026-01-07T10:00:00+02:00',
    );
    expect(notBefore('2026-01-07T10:00:00+02:00', '2026-01-07T08:01:00Z')).toBe(
      '2026-01-07T08:01:00Z',
    );
  });
});

describe('triggeredBy', () => {
  it('names the user and the pipeline source, or what is known of them', () => {
    expect(triggeredBy('root', 'push')).toBe('root (push)');
    expect(triggeredBy('root')).toBe('root');
    // A scheduled pipeline's owner may be gone: the source still tells.
    expect(triggeredBy(null, 'schedule')).toBe('schedule');
    expect(triggeredBy(undefined, undefined)).toBeUndefined();
    expect(triggeredBy('x'.repeat(400))).toHaveLength(300);
  });
});
