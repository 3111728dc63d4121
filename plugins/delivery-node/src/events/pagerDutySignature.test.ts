import { isSignedByAny, signBody, v1Signatures } from './pagerDutySignature';

describe('PagerDuty webhook signatures', () => {
  const body = Buffer.from('{"event":{"id":"01CH754SM17TWPE2V2H4VPBRO7"}}');

  it('reads every v1 signature of the header, as sent during a secret rotation', () => {
    expect(
      v1Signatures(
        'v1=F03DE6F61DF6E454F3620C4D6ACA17AD072D3F8BBB2760EAC3B2AD391B5E8073, v1=130dcacb53a94d983a37cf2acba98e805a1c37185309ba56fdcccbcf00d6dd8b,v2=abc',
      ),
    ).toEqual([
      'f03de6f61df6e454f3620c4d6aca17ad072d3f8bbb2760eac3b2ad391b5e8073',
      '130dcacb53a94d983a37cf2acba98e805a1c37185309ba56fdcccbcf00d6dd8b',
    ]);
    expect(v1Signatures(undefined)).toEqual([]);
  });

  it('signs as PagerDuty documents: HMAC-SHA256 of the raw body, hex', () => {
    // Worked out with `printf '%s' body | openssl dgst -sha256 -hmac secret`.
    expect(signBody('secret', 'hello')).toBe(
      '88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b',
    );
  });

  it('accepts a delivery signed by any configured secret, among other signatures', () => {
    const header = `v1=${signBody('old', body)},v1=${signBody('new', body)}`;
    expect(isSignedByAny(body, header, ['new'])).toBe(true);
    expect(isSignedByAny(body, header, ['other', 'old'])).toBe(true);
    expect(isSignedByAny(body, [header], ['old'])).toBe(true);
  });

  it('refuses other secrets, other bodies, and missing or malformed signatures', () => {
    const header = `v1=${signBody('secret', body)}`;
    expect(isSignedByAny(body, header, ['wrong'])).toBe(false);
    expect(isSignedByAny(Buffer.from(`${body} `), header, ['secret'])).toBe(
      false,
    );
    expect(isSignedByAny(body, undefined, ['secret'])).toBe(false);
    expect(isSignedByAny(body, 'v1=abc', ['secret'])).toBe(false);
    expect(isSignedByAny(body, header.replace('v1=', 'v0='), ['secret'])).toBe(
      false,
    );
    expect(isSignedByAny(body, header, [])).toBe(false);
  });
});
