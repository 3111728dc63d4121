import { mockServices } from '@backstage/backend-test-utils';
import { mockDeliveryEventSink } from '../testUtils/mockSink';
import { FlagAnnotations } from './attribution';
import {
  createFlagEventHandler,
  FlagChange,
  FlagDeliveryMapping,
} from './handler';

const annotations: FlagAnnotations = {
  project: 'unleash.io/project-id',
  prefix: 'unleash.io/flag-prefix',
};

const change = (flagKey: string, project = 'default'): FlagChange => ({
  project,
  event: {
    kind: 'flag',
    source: 'unleash',
    id: `920-${flagKey}`,
    flagKey,
    environment: 'production',
    action: 'rollout',
    percentage: 32,
    at: '2022-06-01T10:03:11.549Z',
    author: 'user@company.com',
  },
});

function setup(
  mapping: FlagDeliveryMapping,
  ingestResult?: Parameters<typeof mockDeliveryEventSink>[0],
) {
  const sink = mockDeliveryEventSink(ingestResult);
  const logger = mockServices.logger.mock();
  const handle = createFlagEventHandler({
    source: 'unleash',
    sink,
    claims: async () => [
      {
        entityRef: 'component:default/checkout',
        projects: ['default'],
        prefixes: ['checkout-'],
      },
    ],
    annotations,
    map: () => mapping,
    logger,
  });
  return {
    sink,
    logger,
    deliver: () => handle({ topic: 'unleash', eventPayload: {} }),
  };
}

describe('createFlagEventHandler', () => {
  it('stores the changes a component claims and reports the others unmatched', async () => {
    const { sink, deliver } = setup({
      what: 'Unleash event 920',
      changes: [change('checkout-new-cart'), change('dark-mode')],
    });
    await deliver();
    expect(sink.ingested).toEqual([
      {
        ...change('checkout-new-cart').event,
        entityRef: 'component:default/checkout',
      },
    ]);
    expect(sink.unmatched).toEqual([
      {
        source: 'unleash',
        key: 'default/dark-mode',
        reason:
          'flag dark-mode matches no unleash.io/flag-prefix of component:default/checkout (project default), and no component claims the rest of the project',
      },
    ]);
    expect(sink.reports).toEqual([{ source: 'unleash', via: 'webhook' }]);
  });

  it('counts a delivery without changes as a working webhook, storing nothing', async () => {
    const { sink, deliver } = setup({
      what: 'Unleash event 921',
      skipped: 'feature-tagged is no release',
    });
    await deliver();
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(sink.reports).toEqual([{ source: 'unleash', via: 'webhook' }]);
  });

  it('reports a payload that is not the tool’s, an event the store refuses, and a store that fails', async () => {
    const invalid = setup({ invalid: 'not an Unleash event: type: required' });
    await invalid.deliver();
    expect(invalid.sink.reports).toEqual([
      {
        source: 'unleash',
        via: 'webhook',
        error: 'not an Unleash event: type: required',
      },
    ]);

    const refused = setup(
      { what: 'Unleash event 920', changes: [change('checkout-a')] },
      {
        ingestResult: () => ({
          accepted: 0,
          updated: 0,
          rejected: [{ index: 0, error: 'environment: Too big' }],
        }),
      },
    );
    await refused.deliver();
    expect(refused.sink.reports).toEqual([
      {
        source: 'unleash',
        via: 'webhook',
        error:
          'Unleash event 920: flag event 920-checkout-a refused: environment: Too big',
      },
    ]);

    const throwing = setup({ invalid: 'unused' });
    const handle = createFlagEventHandler({
      source: 'unleash',
      sink: throwing.sink,
      claims: async () => [],
      annotations,
      map: () => {
        throw new Error('unexpected payload');
      },
      logger: throwing.logger,
    });
    await handle({ topic: 'unleash', eventPayload: {} });
    expect(throwing.sink.reports).toEqual([
      {
        source: 'unleash',
        via: 'webhook',
        error: 'could not read a delivery of unleash: unexpected payload',
      },
    ]);

    const down = setup({
      what: 'Unleash event 920',
      changes: [change('checkout-a')],
    });
    down.sink.ingest.mockRejectedValueOnce(new Error('connection refused'));
    await down.deliver();
    expect(down.sink.reports).toEqual([
      {
        source: 'unleash',
        via: 'webhook',
        error: 'Unleash event 920: connection refused',
      },
    ]);
  });
});
