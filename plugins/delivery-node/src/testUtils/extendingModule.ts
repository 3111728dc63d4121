import {
  createBackendModule,
  ExtensionPoint,
} from '@backstage/backend-plugin-api';

/**
 * A test backend module that uses one extension point once, as a real module would:
 * sets a permission policy, adds an entity provider or a delivery source. It belongs
 * to the plugin the extension point's id names (`catalog.processing`: catalog).
 */
export function extendingModule<T>(
  moduleId: string,
  extensionPoint: ExtensionPoint<T>,
  extend: (extension: T) => void,
) {
  return createBackendModule({
    pluginId: extensionPoint.id.split('.')[0],
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { extension: extensionPoint },
        async init({ extension }) {
          extend(extension);
        },
      });
    },
  });
}
