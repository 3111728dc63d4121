import { mockServices } from '@backstage/backend-test-utils';
import { RequestDetails } from '@backstage/plugin-events-node';
import { hmacSha256Hex } from '@internal/backstage-plugin-delivery-node';
import { createFlagsmithWebhookValidator } from './validator';

const SECRET = 'flagsmith-webhook-secret';

/**
 * The docs' environment webhook sample, cut to one state
 * (https://docs.flagsmith.com/administration-and-security/platform-configuration/environment-settings).
 */
const state = {
  enabled: true,
  environment: { id: 23, name: 'Development' },
  feature: {
    id: 7168,
    name: 'butter_bar',
    project: { id: 12, name: 'Flagsmith Website' },
    type: 'CONFIG',
  },
  feature_segment: null,
  feature_state_value: 'develop',
  identity: null,
  identity_identifier: null,
};
const flagUpdated = {
  data: {
    changed_by: 'Ben Rometsch',
    new_state: state,
    previous_state: { ...state, enabled: false },
    timestamp: '2021-06-18T07:50:26.595298Z',
  },
  event_type: 'FLAG_UPDATED',
};

/** Signed as Flagsmith signs: the JSON it sends, sorted keys and all, is the body. */
function delivery(payload: unknown, secret: string | null = SECRET) {
  const raw = Buffer.from(JSON.stringify(payload));
  return {
    body: payload,
    headers: {
      'content-type': 'application/json',
      ...(secret
        ? { 'x-flagsmith-signature': hmacSha256Hex(secret, raw) }
        : {}),
    },
    raw: { body: raw, encoding: 'utf-8' as const },
  } satisfies RequestDetails;
}

async function validate(request: RequestDetails, secrets = [SECRET]) {
  const reject = jest.fn();
  await createFlagsmithWebhookValidator({
    secrets,
    logger: mockServices.logger.mock(),
  })(request, { reject });
  return reject.mock.calls[0]?.[0];
}

describe('createFlagsmithWebhookValidator', () => {
  it('lets a delivery signed with one of the secrets through, flag events and others', async () => {
    expect(await validate(delivery(flagUpdated))).toBe(undefined);
    expect(
      await validate(delivery({ event_type: 'AUDIT_LOG_CREATED', data: {} }), [
        'other-environment',
        SECRET,
      ]),
    ).toBe(undefined);
  });

  it('refuses unsigned, forged and altered deliveries with 401', async () => {
    const refused = { status: 401, payload: { message: 'invalid signature' } };
    expect(await validate(delivery(flagUpdated, null))).toEqual(refused);
    expect(await validate(delivery(flagUpdated, 'guess'))).toEqual(refused);
    const altered = delivery(flagUpdated);
    altered.raw.body = Buffer.from(
      altered.raw.body.toString().replace('"enabled":true', '"enabled":false'),
    );
    expect(await validate(altered)).toEqual(refused);
    expect(await validate(delivery(flagUpdated), [])).toEqual({
      status: 401,
      payload: {
        message:
          'no webhook secret is configured (delivery.flagsmith.webhook.secrets)',
      },
    });
  });

  it('answers a signed flag event without its state or time 400, naming the fields', async () => {
    expect(
      await validate(
        delivery({
          event_type: 'FLAG_UPDATED',
          data: {
            ...flagUpdated.data,
            timestamp: undefined,
            new_state: { ...state, environment: { id: 23 } },
          },
        }),
      ),
    ).toEqual({
      status: 400,
      payload: {
        message:
          'malformed Flagsmith webhook payload: data.timestamp: Invalid input: expected string, received undefined; data.new_state.environment.name: Invalid input: expected string, received undefined',
      },
    });
    expect(
      await validate(
        delivery({
          event_type: 'FLAG_DELETED',
          data: { timestamp: '2021-06-18T07:50:26Z', new_state: null },
        }),
      ),
    ).toEqual({
      status: 400,
      payload: {
        message:
          'malformed Flagsmith webhook payload: data.previous_state: required for FLAG_DELETED',
      },
    });
  });
});
