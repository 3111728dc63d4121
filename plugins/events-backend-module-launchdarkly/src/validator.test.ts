import { mockServices } from '@backstage/backend-test-utils';
import { RequestDetails } from '@backstage/plugin-events-node';
import { hmacSha256Hex } from '@internal/backstage-plugin-delivery-node';
import { createLaunchDarklyWebhookValidator } from './validator';

const SECRET = 'ld-webhook-secret';

/** The API reference's sample payload (https://launchdarkly.com/docs/api/webhooks), cut to its envelope. */
const entry = {
  _id: '57c0a8e29969090743529965',
  date: 1472243938774,
  accesses: [{ action: 'updateName', resource: 'proj/alexis:env/test' }],
  kind: 'environment',
  name: 'Testing',
};

/** A delivery as the events backend hands it to validators, signed with `secret`. */
function delivery(payload: unknown, secret: string | null = SECRET) {
  const raw = Buffer.from(JSON.stringify(payload));
  return {
    body: payload,
    headers: {
      'content-type': 'application/json',
      ...(secret ? { 'x-ld-signature': hmacSha256Hex(secret, raw) } : {}),
    },
    raw: { body: raw, encoding: 'utf-8' as const },
  } satisfies RequestDetails;
}

async function validate(request: RequestDetails, secrets = [SECRET]) {
  const reject = jest.fn();
  await createLaunchDarklyWebhookValidator({
    secrets,
    logger: mockServices.logger.mock(),
  })(request, { reject });
  return reject.mock.calls[0]?.[0];
}

describe('createLaunchDarklyWebhookValidator', () => {
  it('lets a delivery signed with one of the secrets through', async () => {
    expect(await validate(delivery(entry))).toBe(undefined);
    expect(await validate(delivery(entry), ['another', SECRET])).toBe(
      undefined,
    );
  });

  it('refuses unsigned, forged and altered deliveries with 401', async () => {
    const refused = { status: 401, payload: { message: 'invalid signature' } };
    expect(await validate(delivery(entry, null))).toEqual(refused);
    expect(await validate(delivery(entry, 'not-the-secret'))).toEqual(refused);
    const altered = delivery(entry);
    altered.raw.body = Buffer.from(
      altered.raw.body.toString().replace('Testing', 'Prod'),
    );
    expect(await validate(altered)).toEqual(refused);
  });

  it('refuses everything with 401 while no secret is configured', async () => {
    expect(await validate(delivery(entry), [])).toEqual({
      status: 401,
      payload: {
        message:
          'no webhook secret is configured (delivery.launchdarkly.webhook.secrets)',
      },
    });
  });

  it('answers a signed body that is not an audit log entry 400, naming the fields', async () => {
    expect(
      await validate(delivery({ ...entry, date: '2016-08-26', accesses: {} })),
    ).toEqual({
      status: 400,
      payload: {
        message:
          'malformed LaunchDarkly webhook payload: date: Invalid input: expected number, received string; accesses: Invalid input: expected array, received object',
      },
    });
  });
});
