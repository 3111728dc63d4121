import {
  hmacSha256Hex,
  isHmacSha256HexOfAny,
  isOneOfSecrets,
  singleHeader,
} from './sharedSecret';

describe('shared-secret checks', () => {
  const body = Buffer.from('{"_id":"57c0a8e29969090743529965"}');

  it('signs as LaunchDarkly and Flagsmith document: HMAC-SHA256 of the raw body, hex', () => {
    // Worked out with `printf '%s' hello | openssl dgst -sha256 -hmac secret`.
    expect(hmacSha256Hex('secret', 'hello')).toBe(
      '88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b',
    );
  });

  it('accepts a body signed by any configured secret, in either case of hex', () => {
    const signature = hmacSha256Hex('second', body);
    expect(isHmacSha256HexOfAny(body, signature, ['first', 'second'])).toBe(
      true,
    );
    expect(
      isHmacSha256HexOfAny(body, signature.toUpperCase(), ['second']),
    ).toBe(true);
    expect(isHmacSha256HexOfAny(body, [signature], ['second'])).toBe(true);
  });

  it('refuses other secrets, altered bodies, and missing, empty or repeated signatures', () => {
    const signature = hmacSha256Hex('secret', body);
    expect(isHmacSha256HexOfAny(body, signature, ['other'])).toBe(false);
    expect(
      isHmacSha256HexOfAny(Buffer.from(`${body} `), signature, ['secret']),
    ).toBe(false);
    expect(isHmacSha256HexOfAny(body, undefined, ['secret'])).toBe(false);
    expect(isHmacSha256HexOfAny(body, '', ['secret'])).toBe(false);
    expect(isHmacSha256HexOfAny(body, signature.slice(1), ['secret'])).toBe(
      false,
    );
    expect(isHmacSha256HexOfAny(body, [signature, signature], ['secret'])).toBe(
      false,
    );
    expect(isHmacSha256HexOfAny(body, signature, [])).toBe(false);
  });

  it('accepts a token that is one of the secrets exactly', () => {
    expect(isOneOfSecrets('Bearer s3cret', ['old', 'Bearer s3cret'])).toBe(
      true,
    );
    expect(isOneOfSecrets('Bearer s3cret ', ['Bearer s3cret'])).toBe(false);
    expect(isOneOfSecrets('bearer s3cret', ['Bearer s3cret'])).toBe(false);
    expect(isOneOfSecrets('', [''])).toBe(false);
    expect(isOneOfSecrets(undefined, ['x'])).toBe(false);
    expect(isOneOfSecrets(['a', 'a'], ['a'])).toBe(false);
  });

  it('reads a header once: absent or repeated is none', () => {
    expect(singleHeader('a')).toBe('a');
    expect(singleHeader(['a'])).toBe('a');
    expect(singleHeader(['a', 'b'])).toBe(undefined);
    expect(singleHeader(undefined)).toBe(undefined);
  });
});
