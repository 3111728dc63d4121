import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  GoldenPathComponent,
  GoldenPathTemplate,
  LATEST_VERSION_ANNOTATION,
  TEMPLATE_ANNOTATION,
  TEMPLATE_VERSION_ANNOTATION,
} from '../drift/drift';

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
];

/**
 * Components made from a golden path (they carry the template annotation), and the
 * templates. With `entityRefs` (the catalog table's rows on screen), only those
 * components are read, and only the templates they were made from: a page of rows never
 * lists the whole catalog's components or templates.
 */
export async function readGoldenPaths(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  options: { entityRefs?: string[] } = {},
): Promise<{
  components: GoldenPathComponent[];
  templates: GoldenPathTemplate[];
}> {
  const { entityRefs = [] } = options;
  if (entityRefs.length > 0) {
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs, fields: FIELDS },
      { credentials },
    );
    const components = items
      .filter(
        (entity): entity is Entity =>
          entity?.kind.toLowerCase() === 'component' &&
          Boolean(entity.metadata.annotations?.[TEMPLATE_ANNOTATION]),
      )
      .map(toComponent);
    const templateRefs = [...new Set(components.map(c => c.template))];
    const templates =
      templateRefs.length > 0
        ? (
            await catalog.getEntitiesByRefs(
              { entityRefs: templateRefs, fields: FIELDS },
              { credentials },
            )
          ).items.filter(
            (entity): entity is Entity =>
              entity?.kind.toLowerCase() === 'template',
          )
        : [];
    return { components, templates: templates.map(toTemplate) };
  }
  const [components, templates] = await Promise.all([
    catalog.getEntities(
      {
        filter: {
          kind: 'component',
          [`metadata.annotations.${TEMPLATE_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: FIELDS,
      },
      { credentials },
    ),
    catalog.getEntities(
      { filter: { kind: 'template' }, fields: FIELDS },
      { credentials },
    ),
  ]);
  return {
    components: components.items.map(toComponent),
    templates: templates.items.map(toTemplate),
  };
}

function toComponent(entity: Entity): GoldenPathComponent {
  const annotations = entity.metadata.annotations ?? {};
  const version = annotations[TEMPLATE_VERSION_ANNOTATION];
  return {
    entityRef: stringifyEntityRef(entity),
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    ...(typeof entity.spec?.owner === 'string'
      ? { owner: entity.spec.owner }
      : {}),
    template: normaliseTemplateRef(annotations[TEMPLATE_ANNOTATION]),
    ...(version ? { version } : {}),
  };
}

function toTemplate(entity: Entity): GoldenPathTemplate {
  const latest = entity.metadata.annotations?.[LATEST_VERSION_ANNOTATION];
  return {
    entityRef: stringifyEntityRef(entity),
    ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
    ...(latest ? { latestVersion: latest } : {}),
  };
}

/** `typescript-service` and `template:default/typescript-service` name the same template. */
export function normaliseTemplateRef(value: string): string {
  const ref = value.trim().toLowerCase();
  if (ref.includes(':'))
    return ref.includes('/') ? ref : ref.replace(':', ':default/');
  return ref.includes('/') ? `template:${ref}` : `template:default/${ref}`;
}
