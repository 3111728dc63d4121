import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  annotationList,
  CatalogAnnotationIndex,
  MatchResult,
} from '@internal/backstage-plugin-delivery-node';
import { SOURCE_ID } from '../mapping/common';

/** The PagerDuty plugins' annotations (PagerDuty's and the community's). */
export const SERVICE_ID_ANNOTATION = 'pagerduty.com/service-id';
export const INTEGRATION_KEY_ANNOTATION = 'pagerduty.com/integration-key';

/** How long an integration key no service has is not asked about again. */
export const UNKNOWN_KEY_MAX_AGE_MS = 3_600_000;

/** A service id an integration key belongs to, or undefined when none does. */
export type IntegrationKeyResolver = (
  integrationKey: string,
) => Promise<string | undefined>;

/**
 * The one component an incident of a service belongs to. A service no component
 * claims, or that several claim, is reported rather than credited to a guess:
 * PagerDuty puts an incident on one service, and the delivery store gives an
 * incident one component.
 */
export function pickComponent(
  service: { id: string; name?: string },
  entityRefs: string[],
): MatchResult {
  const named = service.name ? `${service.id} (${service.name})` : service.id;
  if (entityRefs.length === 1) return { entityRef: entityRefs[0] };
  return {
    unmatched: {
      source: SOURCE_ID,
      key: service.id,
      reason:
        entityRefs.length === 0
          ? `no component annotated ${SERVICE_ID_ANNOTATION} (or an integration key of it): ${named}`
          : `ambiguous: several components claim PagerDuty service ${named}: ${entityRefs.join(
              ', ',
            )}`,
    },
  };
}

/**
 * The components claiming each PagerDuty service, read from the catalog at most
 * once a minute (webhooks arrive in bursts). A component claims services by id
 * (`pagerduty.com/service-id`) or through an integration key of the service
 * (`pagerduty.com/integration-key`), which needs the REST API to resolve.
 */
export class ServiceIndex {
  readonly #index: CatalogAnnotationIndex<Map<string, string[]>>;
  /** Integration key → service id, or when it was found to have none. */
  readonly #integrationKeys = new Map<
    string,
    { serviceId: string } | { unknownSince: number }
  >();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** Absent without a REST API key: integration keys are then ignored. */
      resolveIntegrationKey?: IntegrationKeyResolver;
      now?: () => number;
    },
  ) {
    this.#index = new CatalogAnnotationIndex({
      ...options,
      annotations: [SERVICE_ID_ANNOTATION, INTEGRATION_KEY_ANNOTATION],
      build: components => this.#build(components),
    });
  }

  async componentsOf(serviceId: string): Promise<string[]> {
    return (await this.#index.get()).get(serviceId) ?? [];
  }

  /** Every service some component claims, sorted. */
  async serviceIds(): Promise<string[]> {
    return [...(await this.#index.get()).keys()].sort();
  }

  /** The service of an integration key; keys are secrets, so logs name the entity. */
  async #serviceOfKey(
    key: string,
    entityRef: string,
    now: number,
  ): Promise<string | undefined> {
    const { resolveIntegrationKey, logger } = this.options;
    if (!resolveIntegrationKey) return undefined;
    const known = this.#integrationKeys.get(key);
    if (known && 'serviceId' in known) return known.serviceId;
    if (known && now - known.unknownSince < UNKNOWN_KEY_MAX_AGE_MS) {
      return undefined;
    }
    try {
      const serviceId = await resolveIntegrationKey(key);
      this.#integrationKeys.set(
        key,
        serviceId ? { serviceId } : { unknownSince: now },
      );
      if (!serviceId) {
        logger.warn(
          `No PagerDuty service has the ${INTEGRATION_KEY_ANNOTATION} of ${entityRef}`,
        );
      }
      return serviceId;
    } catch (error) {
      logger.warn(
        `Could not resolve the ${INTEGRATION_KEY_ANNOTATION} of ${entityRef}: ${error}`,
      );
      return undefined;
    }
  }

  async #build(components: Entity[]): Promise<Map<string, string[]>> {
    const now = (this.options.now ?? Date.now)();
    const byService = new Map<string, Set<string>>();
    const claim = (serviceId: string, entity: Entity) => {
      const refs = byService.get(serviceId) ?? new Set<string>();
      refs.add(stringifyEntityRef(entity).toLowerCase());
      byService.set(serviceId, refs);
    };
    for (const entity of components) {
      const annotations = entity.metadata.annotations ?? {};
      for (const id of annotationList(annotations[SERVICE_ID_ANNOTATION])) {
        claim(id, entity);
      }
    }
    if (this.options.resolveIntegrationKey) {
      for (const entity of components) {
        const annotations = entity.metadata.annotations ?? {};
        for (const key of annotationList(
          annotations[INTEGRATION_KEY_ANNOTATION],
        )) {
          const serviceId = await this.#serviceOfKey(
            key,
            stringifyEntityRef(entity).toLowerCase(),
            now,
          );
          if (serviceId) claim(serviceId, entity);
        }
      }
    }
    return new Map(
      [...byService.entries()].map(([id, refs]) => [id, [...refs].sort()]),
    );
  }
}
