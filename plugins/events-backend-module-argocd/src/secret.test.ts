import { readmeSecretHeader } from './__testUtils__/readme';
import { createSecretValidator, SECRET_HEADER } from './secret';

async function validate(
  secret: string | undefined,
  headers: Record<string, string | string[]>,
) {
  const rejections: unknown[] = [];
  await createSecretValidator(secret)(
    {
      body: {},
      headers,
      raw: { body: Buffer.from('{}'), encoding: 'utf-8' },
    },
    { reject: details => rejections.push(details) },
  );
  return rejections;
}

describe('createSecretValidator', () => {
  it('accepts the configured secret in the header the README configures', async () => {
    expect(readmeSecretHeader().toLowerCase()).toBe(SECRET_HEADER);
    expect(await validate('s3cr3t', { [SECRET_HEADER]: 's3cr3t' })).toEqual([]);
  });

  it('refuses a wrong, missing or repeated secret, and everything without a configured one', async () => {
    const refused = [{ status: 403, payload: { message: 'invalid secret' } }];
    expect(await validate('s3cr3t', { [SECRET_HEADER]: 's3cr3' })).toEqual(
      refused,
    );
    expect(await validate('s3cr3t', {})).toEqual(refused);
    expect(
      await validate('s3cr3t', { [SECRET_HEADER]: ['s3cr3t', 's3cr3t'] }),
    ).toEqual(refused);
    expect(await validate(undefined, { [SECRET_HEADER]: '' })).toEqual(refused);
  });
});
