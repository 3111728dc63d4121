import { UrlReaderService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { ScmIntegrationRegistry } from '@backstage/integration';
import {
  importOpenSlo,
  importPyrra,
  importSloth,
  SLO_ANNOTATION_PREFIX,
  SloDefinitionError,
  SloImportResult,
  SloObjective,
} from '@internal/backstage-plugin-slo-common';
import {
  GIT_URL_PREFIX,
  resolveGitFileUrl,
} from '@internal/backstage-plugin-git-remote-node';
import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve as resolvePath, sep } from 'node:path';

/** OpenSLO v1 YAML file, relative to the file that declares the entity (or a URL). */
export const OPENSLO_FILE_ANNOTATION = `${SLO_ANNOTATION_PREFIX}openslo-file`;
/** OpenSLO v1 YAML inline in the annotation. */
export const OPENSLO_INLINE_ANNOTATION = `${SLO_ANNOTATION_PREFIX}openslo`;
/** Pyrra ServiceLevelObjective resources (pyrra.dev/v1alpha1). */
export const PYRRA_FILE_ANNOTATION = `${SLO_ANNOTATION_PREFIX}pyrra-file`;
/** Sloth prometheus/v1 spec or PrometheusServiceLevel resources. */
export const SLOTH_FILE_ANNOTATION = `${SLO_ANNOTATION_PREFIX}sloth-file`;
/**
 * Sloth's `sloth_service` label value: the SLOs the metric source lists in
 * `sloth_slo_info` for it (see slothDiscovery.ts).
 */
export const SLOTH_SERVICE_ANNOTATION = `${SLO_ANNOTATION_PREFIX}sloth-service`;
/** Metric source instance id, e.g. `prometheus:default`. */
export const SOURCE_ANNOTATION = `${SLO_ANNOTATION_PREFIX}source`;

export const DEFINITION_ANNOTATIONS = [
  OPENSLO_FILE_ANNOTATION,
  OPENSLO_INLINE_ANNOTATION,
  PYRRA_FILE_ANNOTATION,
  SLOTH_FILE_ANNOTATION,
  SLOTH_SERVICE_ANNOTATION,
];

export interface EntityDefinitions {
  objectives: SloObjective[];
  errors: SloDefinitionError[];
  /** e.g. `slo.acme-portal.io/openslo-file: file:/repo/examples/slo/cart.yaml` */
  definitionSources: string[];
  /** From `slo.acme-portal.io/source`, when set. */
  sourceId?: string;
}

const IMPORTERS: Record<string, (text: string) => SloImportResult> = {
  [OPENSLO_FILE_ANNOTATION]: importOpenSlo,
  [PYRRA_FILE_ANNOTATION]: importPyrra,
  [SLOTH_FILE_ANNOTATION]: importSloth,
};

export function hasDefinitions(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return DEFINITION_ANNOTATIONS.some(name => !!annotations[name]);
}

/**
 * Reads an entity's SLO definitions from its annotations. Files are resolved against
 * the location that declared the entity (`backstage.io/managed-by-location`), or its
 * source location: URLs through the UrlReader (integrations' credentials apply;
 * `git+<remote>#<ref>:<path>` locations keep their remote and ref),
 * `file:` locations from disk, never outside the declaring file's directory.
 * Every problem becomes a definition error naming the annotation or field.
 */
export class DefinitionLoader {
  constructor(
    private readonly options: {
      urlReader: UrlReaderService;
      integrations: ScmIntegrationRegistry;
    },
  ) {}

  async load(entity: Entity): Promise<EntityDefinitions> {
    const annotations = entity.metadata.annotations ?? {};
    const result: EntityDefinitions = {
      objectives: [],
      errors: [],
      definitionSources: [],
      ...(annotations[SOURCE_ANNOTATION]
        ? { sourceId: annotations[SOURCE_ANNOTATION].trim() }
        : {}),
    };
    const add = (source: string, imported: SloImportResult) => {
      result.definitionSources.push(source);
      result.errors.push(
        ...imported.errors.map(error => ({ ...error, source })),
      );
      for (const objective of imported.objectives) {
        if (result.objectives.some(o => o.id === objective.id)) {
          result.errors.push({
            document: 0,
            name: objective.sloName,
            path: 'metadata.name',
            message: `objective id "${objective.id}" is defined twice; the first definition is used`,
            source,
          });
        } else {
          result.objectives.push(objective);
        }
      }
    };
    const annotationError = (name: string, message: string) =>
      result.errors.push({
        document: 0,
        path: `metadata.annotations["${name}"]`,
        message,
        source: name,
      });

    const inline = annotations[OPENSLO_INLINE_ANNOTATION];
    if (inline) {
      add(OPENSLO_INLINE_ANNOTATION, importOpenSlo(inline));
    }
    for (const [name, importer] of Object.entries(IMPORTERS)) {
      const value = annotations[name];
      if (!value) continue;
      for (const path of value
        .split(',')
        .map(p => p.trim())
        .filter(Boolean)) {
        try {
          const { location, text } = await this.read(entity, path);
          add(`${name}: ${location}`, importer(text));
        } catch (error) {
          annotationError(
            name,
            `cannot read ${path}: ${(error as Error).message}`,
          );
        }
      }
    }
    return result;
  }

  private async read(
    entity: Entity,
    path: string,
  ): Promise<{ location: string; text: string }> {
    if (/^https?:\/\//.test(path)) {
      return { location: path, text: await this.readUrl(path) };
    }
    const annotations = entity.metadata.annotations ?? {};
    const baseRef =
      annotations[ANNOTATION_LOCATION] ??
      annotations[ANNOTATION_SOURCE_LOCATION];
    if (!baseRef) {
      throw new Error(
        `the entity has no ${ANNOTATION_LOCATION} or ${ANNOTATION_SOURCE_LOCATION} to resolve a relative path against`,
      );
    }
    const base = parseLocationRef(baseRef);
    if (base.type === 'file') {
      const directory = dirname(base.target);
      const file = resolvePath(directory, path);
      if (!file.startsWith(directory + sep)) {
        throw new Error(`${path} leaves the directory of ${base.target}`);
      }
      if (!['.yaml', '.yml'].includes(extname(file))) {
        throw new Error(`${path} is not a .yaml or .yml file`);
      }
      return { location: `file:${file}`, text: await readFile(file, 'utf8') };
    }
    if (base.type === 'url' && base.target.startsWith(GIT_URL_PREFIX)) {
      // git+<remote>#<ref>:<path> (the portal's git host, another git host)
      const url = resolveGitFileUrl(path, base.target);
      return { location: url, text: await this.readUrl(url) };
    }
    if (base.type === 'url') {
      const url = this.options.integrations.resolveUrl({
        url: path,
        base: base.target,
      });
      return { location: url, text: await this.readUrl(url) };
    }
    throw new Error(`cannot resolve a path against a ${base.type} location`);
  }

  private async readUrl(url: string): Promise<string> {
    const response = await this.options.urlReader.readUrl(url);
    return (await response.buffer()).toString('utf8');
  }
}
