import { RequestDetails } from '@backstage/plugin-events-node';
import { acceptingWith200 } from './webhookIngressModule';

const request: RequestDetails = {
  body: { event_type: 'FLAG_UPDATED' },
  headers: { 'x-flagsmith-signature': 'abc' },
  raw: {
    body: Buffer.from('{"event_type":"FLAG_UPDATED"}'),
    encoding: 'utf-8',
  },
};

describe('acceptingWith200', () => {
  const setup = (validator: Parameters<typeof acceptingWith200>[0]) => {
    const publish = jest.fn(async () => {});
    const reject = jest.fn();
    const check = acceptingWith200(
      validator,
      { publish, subscribe: jest.fn() },
      'flagsmith',
    );
    return { publish, reject, run: () => check(request, { reject }) };
  };

  it('publishes what the validator lets through on the topic, answering 200', async () => {
    const { publish, reject, run } = setup(async () => {});
    await run();
    expect(publish).toHaveBeenCalledWith({
      topic: 'flagsmith',
      eventPayload: { event_type: 'FLAG_UPDATED' },
      metadata: { 'x-flagsmith-signature': 'abc' },
    });
    expect(reject).toHaveBeenCalledWith({
      status: 200,
      payload: { status: 'accepted' },
    });
  });

  it('answers what the validator refuses as it said, publishing nothing', async () => {
    const { publish, reject, run } = setup(async (_, context) =>
      context.reject({
        status: 401,
        payload: { message: 'invalid signature' },
      }),
    );
    await run();
    expect(publish).not.toHaveBeenCalled();
    expect(reject).toHaveBeenCalledWith({
      status: 401,
      payload: { message: 'invalid signature' },
    });
    // A rejection without details is the events backend's default, 403.
    const bare = setup(async (_, context) => context.reject());
    await bare.run();
    expect(bare.reject).toHaveBeenCalledWith({ status: 403, payload: {} });
  });
});
