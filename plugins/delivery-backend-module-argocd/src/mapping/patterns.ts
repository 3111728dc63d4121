/**
 * Whole-string match, case-insensitive, where `*` stands for any run of characters:
 * `prod-*` matches `prod-eu`, `https://*.prod.example.com` a server URL.
 */
export function matchesPattern(pattern: string, value: string): boolean {
  const source = pattern
    .split('*')
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(value);
}
