import { mockServices } from '@backstage/backend-test-utils';
import { RequestDetails } from '@backstage/plugin-events-node';
import { z } from 'zod';
import { createCheckedWebhookValidator } from './checkedWebhookValidator';
import { hmacSha256Hex, isHmacSha256HexOfAny } from './sharedSecret';

const payload = z.object({
  _id: z.string().min(1),
  accesses: z.array(z.object({ action: z.string(), resource: z.string() })),
});

function delivery(body: unknown, secret?: string): RequestDetails {
  const raw = Buffer.from(JSON.stringify(body));
  return {
    body,
    headers: secret ? { 'x-ld-signature': hmacSha256Hex(secret, raw) } : {},
    raw: { body: raw, encoding: 'utf-8' },
  };
}

async function validate(secrets: string[], request: RequestDetails) {
  const logger = mockServices.logger.mock();
  const reject = jest.fn();
  await createCheckedWebhookValidator({
    tool: 'LaunchDarkly',
    secretsKey: 'delivery.launchdarkly.webhook.secrets',
    secrets,
    authenticated: (r, s) =>
      isHmacSha256HexOfAny(r.raw.body, r.headers['x-ld-signature'], s),
    refusal: 'invalid signature',
    payload,
    logger,
  })(request, { reject });
  return { rejection: reject.mock.calls[0]?.[0], logger };
}

const entry = {
  _id: '57c0a8e29969090743529965',
  accesses: [{ action: 'updateOn', resource: 'proj/default:env/test:flag/a' }],
};

describe('createCheckedWebhookValidator', () => {
  it('lets an authenticated, well-formed delivery through', async () => {
    expect((await validate(['s'], delivery(entry, 's'))).rejection).toBe(
      undefined,
    );
  });

  it('refuses everything with 401 while no secret is configured, without a warning', async () => {
    const { rejection, logger } = await validate([], delivery(entry, 's'));
    expect(rejection).toEqual({
      status: 401,
      payload: {
        message:
          'no webhook secret is configured (delivery.launchdarkly.webhook.secrets)',
      },
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('refuses a delivery without proof, or with a wrong one, with 401 before reading the body', async () => {
    const unauthenticated = {
      status: 401,
      payload: { message: 'invalid signature' },
    };
    expect((await validate(['s'], delivery(entry))).rejection).toEqual(
      unauthenticated,
    );
    expect((await validate(['s'], delivery(entry, 'x'))).rejection).toEqual(
      unauthenticated,
    );
    // A malformed body from a stranger is still a 401, not a 400 describing it.
    expect((await validate(['s'], delivery({ no: 1 }, 'x'))).rejection).toEqual(
      unauthenticated,
    );
  });

  it('answers an authenticated malformed body 400, naming each wrong field', async () => {
    const { rejection } = await validate(
      ['s'],
      delivery({ _id: '', accesses: [{ action: 'updateOn' }] }, 's'),
    );
    expect(rejection).toEqual({
      status: 400,
      payload: {
        message:
          'malformed LaunchDarkly webhook payload: _id: Too small: expected string to have >=1 characters; accesses.0.resource: Invalid input: expected string, received undefined',
      },
    });
  });
});
