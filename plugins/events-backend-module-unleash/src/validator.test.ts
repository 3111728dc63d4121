import { mockServices } from '@backstage/backend-test-utils';
import { RequestDetails } from '@backstage/plugin-events-node';
import { createUnleashWebhookValidator } from './validator';

const TOKEN = 'Bearer unleash-webhook-token';

/**
 * Unleash's feature-environment-enabled, as Unleash delivered it to Sentry's flag
 * webhook (https://github.com/getsentry/sentry/blob/master/tests/sentry/flags/providers/test_unleash.py).
 */
const event = {
  id: 28,
  tags: [{ type: 'simple', value: 'testvalue' }],
  type: 'feature-environment-enabled',
  project: 'default',
  createdAt: '2024-12-30T00:00:00.000Z',
  createdBy: 'admin',
  environment: 'development',
  featureName: 'test-flag',
  createdByUserId: 1,
};

function delivery(payload: unknown, authorization?: string): RequestDetails {
  const raw = Buffer.from(JSON.stringify(payload));
  return {
    body: payload,
    headers: {
      'content-type': 'application/json',
      ...(authorization !== undefined ? { authorization } : {}),
    },
    raw: { body: raw, encoding: 'utf-8' },
  };
}

async function validate(request: RequestDetails, secrets = [TOKEN]) {
  const reject = jest.fn();
  await createUnleashWebhookValidator({
    secrets,
    logger: mockServices.logger.mock(),
  })(request, { reject });
  return reject.mock.calls[0]?.[0];
}

describe('createUnleashWebhookValidator', () => {
  it('lets a delivery with a configured Authorization value through', async () => {
    expect(await validate(delivery(event, TOKEN))).toBe(undefined);
    expect(await validate(delivery(event, TOKEN), ['old', TOKEN])).toBe(
      undefined,
    );
  });

  it('refuses a missing, wrong or nearly right Authorization with 401', async () => {
    const refused = {
      status: 401,
      payload: { message: 'invalid authorization' },
    };
    for (const authorization of [
      undefined,
      '',
      'Bearer other',
      `${TOKEN} `,
      TOKEN.toLowerCase(),
    ]) {
      expect(await validate(delivery(event, authorization))).toEqual(refused);
    }
  });

  it('refuses everything with 401 while no value is configured', async () => {
    expect(await validate(delivery(event, TOKEN), [])).toEqual({
      status: 401,
      payload: {
        message:
          'no webhook secret is configured (delivery.unleash.webhook.secrets)',
      },
    });
  });

  it('answers an authorized body that is not an Unleash event 400, naming the fields', async () => {
    expect(
      await validate(delivery({ ...event, id: undefined, type: '' }, TOKEN)),
    ).toEqual({
      status: 400,
      payload: {
        message:
          'malformed Unleash webhook payload: id: Invalid input; type: Too small: expected string to have >=1 characters',
      },
    });
    const { featureName, ...unnamed } = event;
    expect(await validate(delivery(unnamed, TOKEN))).toEqual({
      status: 400,
      payload: {
        message:
          'malformed Unleash webhook payload: featureName: required for feature-environment-enabled',
      },
    });
  });
});
