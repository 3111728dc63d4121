import { createHmac, timingSafeEqual } from 'node:crypto';

/** Node lower-cases header names. */
export const SIGNATURE_HEADER = 'x-pagerduty-signature';

/** The `v1` signatures of an `X-PagerDuty-Signature` header, hex, lower case. */
export function v1Signatures(header: string | string[] | undefined): string[] {
  const values = [header ?? []].flat();
  return values
    .flatMap(value => value.split(','))
    .map(part => part.trim())
    .filter(part => part.startsWith('v1='))
    .map(part => part.slice(3).toLowerCase());
}

/** PagerDuty's `v1` signature: HMAC-SHA256 of the raw body, hex encoded. */
export function signBody(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/**
 * Whether one of the header's `v1` signatures is the body's signature under one
 * of the secrets. Several signatures arrive while PagerDuty rotates a secret;
 * several secrets serve several subscriptions. Compared in constant time.
 */
export function isSignedByAny(
  body: Buffer,
  header: string | string[] | undefined,
  secrets: string[],
): boolean {
  const received = v1Signatures(header).map(hex => Buffer.from(hex, 'utf8'));
  return secrets.some(secret => {
    const expected = Buffer.from(signBody(secret, body), 'utf8');
    return received.some(
      signature =>
        signature.length === expected.length &&
        timingSafeEqual(signature, expected),
    );
  });
}
