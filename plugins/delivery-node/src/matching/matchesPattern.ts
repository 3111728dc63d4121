/**
 * Whole-string match, case-insensitive, where `*` stands for any run of characters
 * (slashes included): `prod*` matches `production`, `release/*` `release/1.2`,
 * `deploy-*.yml` a file name, `https://*.prod.example.com` a server URL. Every other
 * character is literal.
 */
export function matchesPattern(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(value);
}
