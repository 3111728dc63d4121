import { mockServices } from '@backstage/backend-test-utils';
import {
  closeDeliveryBody,
  createDeliveryBody,
} from '../__testUtils__/opsgenieExamples';
import { createOpsgenieEventHandler, OPSGENIE_TOPIC } from './handler';
import { mockDeliveryEventSink } from '@internal/backstage-plugin-delivery-node/testUtils';

function setup(refresh: jest.Mock) {
  const sink = mockDeliveryEventSink();
  const handle = createOpsgenieEventHandler({
    sink,
    refresh,
    logger: mockServices.logger.mock(),
  });
  return {
    sink,
    deliver: (body: string | object) =>
      handle({
        topic: OPSGENIE_TOPIC,
        eventPayload: typeof body === 'string' ? JSON.parse(body) : body,
      }),
  };
}

describe('createOpsgenieEventHandler', () => {
  it('starts a pull for the delivered alert, storing nothing from the payload', async () => {
    const refresh = jest.fn(async () => {});
    const { sink, deliver } = setup(refresh);
    await deliver(createDeliveryBody('a-1', '2', 'another alert'));
    await deliver(closeDeliveryBody('a-2', '23'));
    expect(refresh.mock.calls).toEqual([
      [{ id: 'a-1', tinyId: '2', message: 'another alert' }],
      [{ id: 'a-2', tinyId: '23', message: 'test alert' }],
    ]);
    expect(sink.ingest).not.toHaveBeenCalled();
    expect(sink.reportSync).toHaveBeenCalledWith({
      source: 'opsgenie',
      via: 'webhook',
    });
  });

  it('reports deliveries it cannot process, with why', async () => {
    const refresh = jest.fn(async () => {
      throw new Error('scheduler unavailable');
    });
    const { sink, deliver } = setup(refresh);
    await deliver(closeDeliveryBody('a-2', '23'));
    expect(sink.reportSync).toHaveBeenLastCalledWith({
      source: 'opsgenie',
      via: 'webhook',
      error: 'Opsgenie Close of alert #23: scheduler unavailable',
    });
    await deliver({ action: 'Create' });
    expect(sink.reportSync).toHaveBeenLastCalledWith({
      source: 'opsgenie',
      via: 'webhook',
      error:
        'not an Opsgenie alert webhook: alert: Invalid input: expected object, received undefined',
    });
  });
});
