import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 of a raw body, hex (how LaunchDarkly and Flagsmith sign deliveries). */
export function hmacSha256Hex(secret: string, body: Buffer | string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

// Hashing first gives both sides one length, so the comparison is constant-time
// whatever was sent.
const digest = (value: string | Buffer) =>
  createHash('sha256').update(value).digest();

const equalInConstantTime = (a: string | Buffer, b: string | Buffer) =>
  timingSafeEqual(digest(a), digest(b));

/** The one value of a header, or none when it is absent or repeated. */
export function singleHeader(
  value: string | string[] | undefined,
): string | undefined {
  if (Array.isArray(value)) return value.length === 1 ? value[0] : undefined;
  return value;
}

/**
 * Whether `header` is the hex HMAC-SHA256 of `body` under one of `secrets` (one per
 * webhook that delivers here). Hex compares without regard to case; a header sent
 * twice, or none, is no signature. Compared in constant time.
 */
export function isHmacSha256HexOfAny(
  body: Buffer,
  header: string | string[] | undefined,
  secrets: string[],
): boolean {
  const signature = singleHeader(header)?.trim().toLowerCase();
  if (!signature) return false;
  return secrets
    .map(secret => equalInConstantTime(signature, hmacSha256Hex(secret, body)))
    .some(Boolean);
}

/**
 * Whether `header` is one of `secrets` exactly (a shared token, such as the
 * Authorization value Unleash's Webhook integration sends). Compared in constant
 * time; every secret is compared, so timing tells not which one matched.
 */
export function isOneOfSecrets(
  header: string | string[] | undefined,
  secrets: string[],
): boolean {
  const given = singleHeader(header);
  if (given === undefined || given === '') return false;
  return secrets
    .map(secret => equalInConstantTime(given, secret))
    .some(Boolean);
}
