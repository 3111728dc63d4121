import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const README = join(__dirname, '..', '..', 'README.md');

/** The header the README's webhook service sends the secret in. */
export function readmeSecretHeader(): string {
  const match =
    /- name: (X-[A-Za-z-]+)\n\s+value: \$backstage-delivery-secret/.exec(
      readFileSync(README, 'utf8'),
    );
  if (!match) throw new Error('README.md has no secret header');
  return match[1];
}
