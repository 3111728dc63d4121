import type { Entity } from '@backstage/catalog-model';
import type { SloMetricSource } from '@internal/backstage-plugin-slo-node';
import {
  EntityDefinitions,
  SLOTH_SERVICE_ANNOTATION,
} from './definitionLoader';

/**
 * Adds the SLOs that Sloth already runs for the entity's
 * `slo.acme-portal.io/sloth-service` to its file/inline definitions, asking the
 * entity's metric source. An objective also defined in a file keeps the file's
 * definition (it has event counts; the discovered one only Sloth's recorded ratio).
 * Every failure is a definition error naming the annotation; `failed` tells the caller
 * not to cache the result (the source may answer on the next read).
 */
export async function withSlothDiscovery(
  entity: Entity,
  definitions: EntityDefinitions,
  source: SloMetricSource | undefined,
): Promise<{ definitions: EntityDefinitions; failed: boolean }> {
  const slothService =
    entity.metadata.annotations?.[SLOTH_SERVICE_ANNOTATION]?.trim();
  if (!slothService) return { definitions, failed: false };
  const annotationPath = `metadata.annotations["${SLOTH_SERVICE_ANNOTATION}"]`;
  const sourceLabel = `${SLOTH_SERVICE_ANNOTATION}: ${slothService}`;
  const withError = (message: string, failed: boolean) => ({
    definitions: {
      ...definitions,
      errors: [
        ...definitions.errors,
        {
          document: 0,
          path: annotationPath,
          message,
          source: SLOTH_SERVICE_ANNOTATION,
        },
      ],
    },
    failed,
  });
  if (!source) {
    return withError(
      'no metric source to read sloth_slo_info from (see slo.acme-portal.io/source and the slo.prometheus config)',
      false,
    );
  }
  if (!source.discoverObjectives) {
    return withError(
      `metric source ${source.id} (${source.type}) cannot list Sloth SLOs; use a Prometheus source`,
      false,
    );
  }
  let discovered;
  try {
    discovered = await source.discoverObjectives({ slothService });
  } catch (error) {
    return withError(
      `reading sloth_slo_info from ${source.id} failed: ${
        (error as Error).message
      }`,
      true,
    );
  }
  const known = new Set(definitions.objectives.map(o => o.id));
  return {
    definitions: {
      ...definitions,
      objectives: [
        ...definitions.objectives,
        ...discovered.objectives.filter(o => !known.has(o.id)),
      ],
      errors: [
        ...definitions.errors,
        ...discovered.errors.map(error => ({ ...error, source: sourceLabel })),
      ],
      definitionSources: [
        ...definitions.definitionSources,
        `${sourceLabel} (sloth_slo_info in ${source.id})`,
      ],
    },
    failed: false,
  };
}
