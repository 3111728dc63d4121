import { mockServices } from '@backstage/backend-test-utils';
import { RequestDetails } from '@backstage/plugin-events-node';
import { createOpsgenieWebhookValidator } from './validator';

const delivery = (headers: Record<string, string>): RequestDetails => ({
  body: { action: 'Create' },
  headers,
  raw: { body: Buffer.from('{"action":"Create"}'), encoding: 'utf-8' },
});

async function validate(token: string | undefined, request: RequestDetails) {
  const reject = jest.fn();
  await createOpsgenieWebhookValidator({
    token,
    header: 'x-opsgenie-token',
    logger: mockServices.logger.mock(),
  })(request, { reject });
  return reject.mock.calls[0]?.[0];
}

describe('createOpsgenieWebhookValidator', () => {
  it('accepts the token in its header, or as the basic-auth password of the URL', async () => {
    expect(
      await validate('s3cret', delivery({ 'x-opsgenie-token': 's3cret' })),
    ).toBe(undefined);
    const basic = Buffer.from('opsgenie:s3cret').toString('base64');
    expect(
      await validate('s3cret', delivery({ authorization: `Basic ${basic}` })),
    ).toBe(undefined);
  });

  it('refuses a wrong or missing token, and everything without one configured', async () => {
    const invalid = { status: 403, payload: { message: 'invalid token' } };
    expect(
      await validate('s3cret', delivery({ 'x-opsgenie-token': 's3cre' })),
    ).toEqual(invalid);
    expect(await validate('s3cret', delivery({}))).toEqual(invalid);
    const wrongBasic = Buffer.from('s3cret:other').toString('base64');
    expect(
      await validate(
        's3cret',
        delivery({ authorization: `Basic ${wrongBasic}` }),
      ),
    ).toEqual(invalid);
    expect(
      await validate(undefined, delivery({ 'x-opsgenie-token': '' })),
    ).toEqual({
      status: 403,
      payload: { message: 'no webhook token is configured' },
    });
  });
});
