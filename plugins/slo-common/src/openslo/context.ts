/** Shared by the OpenSLO readers: the parsed document and where errors go. */
import { SloDefinitionError } from '../model';

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects errors for one document. */
export class DocumentContext {
  constructor(
    readonly document: number,
    readonly kind: string | undefined,
    readonly name: string | undefined,
    private readonly errors: SloDefinitionError[],
  ) {}

  error(path: string, message: string): undefined {
    this.errors.push({
      document: this.document,
      kind: this.kind,
      name: this.name,
      path,
      message,
    });
    return undefined;
  }
}

export interface ParsedDocument {
  index: number;
  kind: string;
  name: string;
  metadata: Json;
  spec: Json;
}

export interface DataSourceInfo {
  type?: string;
}
