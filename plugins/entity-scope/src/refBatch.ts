import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * The body of a batch read for a table's rows, `{"entityRefs": [...]}` with 1 to `max`
 * refs: the refs lower-cased and without repeats (kind defaults to component), or a 400
 * naming the field.
 */
export function parseEntityRefBatch(body: unknown, max: number): string[] {
  const refs = (body as { entityRefs?: unknown } | undefined)?.entityRefs;
  if (!Array.isArray(refs)) {
    throw new InputError(
      'entityRefs: must be an array of entity refs, body {"entityRefs":[...]}',
    );
  }
  if (refs.length === 0) {
    throw new InputError('entityRefs: must name at least one entity');
  }
  if (refs.length > max) {
    throw new InputError(
      `entityRefs: may name at most ${max} entities per request`,
    );
  }
  const parsed = refs.map((ref, i) => {
    try {
      if (typeof ref !== 'string') throw new Error('not a string');
      return stringifyEntityRef(
        parseEntityRef(ref, { defaultKind: 'component' }),
      ).toLowerCase();
    } catch {
      throw new InputError(
        `entityRefs.${i}: must be an entity ref, e.g. component:default/name`,
      );
    }
  });
  return [...new Set(parsed)];
}
