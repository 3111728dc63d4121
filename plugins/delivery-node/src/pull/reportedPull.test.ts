import { mockServices } from '@backstage/backend-test-utils';
import { mockDeliveryEventSink } from '../testUtils/mockSink';
import {
  MAX_SYNC_ERROR_LENGTH,
  runReportedPull,
  scheduleReportedPull,
  summariseFailures,
} from './reportedPull';

describe('runReportedPull', () => {
  it('reports a run without failures as a success', async () => {
    const sink = mockDeliveryEventSink();
    await runReportedPull({
      sink,
      source: 'github',
      pull: async () => ({ failures: [] }),
    });
    expect(sink.reports).toEqual([{ source: 'github', via: 'pull' }]);
  });

  it('names what failed, per instance when there are several', async () => {
    const sink = mockDeliveryEventSink();
    await runReportedPull({
      sink,
      source: 'github',
      pull: async () => [
        {
          instance: 'eu',
          failures: ['a: 502', 'b: 404'],
          noun: 'repositories',
        },
        { instance: 'us', failures: [] },
      ],
    });
    expect(sink.reports).toEqual([
      {
        source: 'github',
        instance: 'eu',
        via: 'pull',
        error: '2 repositories failed: a: 502; b: 404',
      },
      { source: 'github', instance: 'us', via: 'pull' },
    ]);
  });

  it('reports nothing more when the pull reported itself', async () => {
    const sink = mockDeliveryEventSink();
    await runReportedPull({ sink, source: 'x', pull: async () => {} });
    expect(sink.reportSync).not.toHaveBeenCalled();
  });

  it('reports a run that threw, for each instance asked, and throws again', async () => {
    const sink = mockDeliveryEventSink();
    await expect(
      runReportedPull({
        sink,
        source: 'jenkins',
        pull: async () => {
          throw new Error('catalog down');
        },
        instancesOnFailure: ['a', 'b'],
        describeFailure: error => `catalog not readable: ${error}`,
      }),
    ).rejects.toThrow('catalog down');
    expect(sink.reports).toEqual(
      ['a', 'b'].map(instance => ({
        source: 'jenkins',
        instance,
        via: 'pull',
        error: 'catalog not readable: Error: catalog down',
      })),
    );
  });

  it('leaves a thrown run to the pull when no instance is asked', async () => {
    const sink = mockDeliveryEventSink();
    await expect(
      runReportedPull({
        sink,
        source: 'gitlab',
        pull: async () => {
          throw new Error('x');
        },
        instancesOnFailure: [],
      }),
    ).rejects.toThrow('x');
    expect(sink.reportSync).not.toHaveBeenCalled();
  });
});

describe('summariseFailures', () => {
  it('cuts long lists', () => {
    const text = summariseFailures(['x'.repeat(5000)]);
    expect(text).toHaveLength(MAX_SYNC_ERROR_LENGTH);
    expect(text.startsWith('1 failed: xxx')).toBe(true);
  });
});

describe('scheduleReportedPull', () => {
  it('schedules the pull under delivery-<source>-pull', async () => {
    const scheduler = mockServices.scheduler.mock();
    const sink = mockDeliveryEventSink();
    await scheduleReportedPull({
      scheduler,
      sink,
      source: 'opsgenie',
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 3 } },
      pull: async () => ({ failures: ['one'] }),
    });
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task.id).toBe('delivery-opsgenie-pull');
    await task.fn(new AbortController().signal as any);
    expect(sink.reports).toEqual([
      { source: 'opsgenie', via: 'pull', error: '1 failed: one' },
    ]);
  });
});
