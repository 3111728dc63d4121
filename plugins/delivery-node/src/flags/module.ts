import { RootConfigService } from '@backstage/backend-plugin-api';
import { CatalogAnnotationIndex } from '../catalog/CatalogAnnotationIndex';
import { createDeliverySourceModule } from '../module/createDeliverySourceModule';
import { flagClaimsOf, FlagAnnotations } from './attribution';
import { createFlagEventHandler, FlagDeliveryMapping } from './handler';

/** How a flag source reads its config at start: on, with its mapping, or off and why. */
export type FlagSourceSetup =
  | { map: (payload: unknown) => FlagDeliveryMapping }
  | { disabled: string };

/** What {@link createFlagSourceModule} needs of one flag tool. */
export interface FlagSourceModuleOptions {
  /** The backend module id, also the source id: `launchdarkly`. */
  moduleId: string;
  /** The events topic its events module publishes on. */
  topic: string;
  annotations: FlagAnnotations;
  /** Runs once at start, so bad config stops the backend. */
  setup(config: RootConfigService): FlagSourceSetup;
}

/**
 * A `pluginId: 'delivery'` module for a feature-flag tool whose webhook its events
 * module checks: it subscribes to the topic and stores each delivery's flag changes
 * for the components the annotations name. Until its webhook is configured it is off
 * and quiet: `GET /sources` lists it as disabled with why, nothing warns.
 */
export function createFlagSourceModule(options: FlagSourceModuleOptions) {
  const { moduleId, topic, annotations } = options;
  return createDeliverySourceModule({
    moduleId,
    setup({ events, catalog, auth, config, logger }) {
      const settings = options.setup(config);
      if ('disabled' in settings) {
        logger.debug(`${moduleId} is off: ${settings.disabled}`);
        return sink =>
          sink.reportSync({
            source: moduleId,
            via: 'webhook',
            disabled: settings.disabled,
          });
      }
      const index = new CatalogAnnotationIndex({
        catalog,
        auth,
        annotations: [annotations.project],
        build: components => flagClaimsOf(components, annotations),
      });
      return async sink => {
        await events.subscribe({
          id: `delivery-${moduleId}`,
          topics: [topic],
          onEvent: createFlagEventHandler({
            source: moduleId,
            sink,
            claims: () => index.get(),
            annotations,
            map: settings.map,
            logger,
          }),
        });
      };
    },
  });
}
