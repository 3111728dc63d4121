import { parseAllDocuments } from 'yaml';
import { SloDefinitionError } from '../model';

export type Json = Record<string, any>;
export const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Calls `read` with each non-empty YAML document of `text` and its index; a document
 * that does not parse is recorded in `errors` and skipped.
 */
export function forEachYamlResource(
  text: string,
  errors: SloDefinitionError[],
  read: (resource: unknown, index: number) => void,
): void {
  parseAllDocuments(text).forEach((doc, index) => {
    if (doc.errors.length > 0) {
      errors.push({
        document: index,
        path: '',
        message: `invalid YAML: ${doc.errors[0].message}`,
      });
      return;
    }
    const resource = doc.toJSON();
    if (resource === null || resource === undefined) return;
    read(resource, index);
  });
}
