import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { Fragment } from 'react';
import { z } from 'zod';
import { HEALTH_COLUMNS } from './healthBatchers';

/**
 * The catalog index page with health columns: DORA band, last production deployment,
 * error budget left (frozen mark), golden-path status, maturity level. Config
 * (`app.extensions`):
 *
 *   - page:catalog:
 *       config:
 *         healthColumns: [dora, lastDeployment, errorBudget, goldenPath, maturity]   # [] hides them
 *
 * The catalog's own config (path, pagination, exportSettings) and filters still apply.
 */
const catalogHealthPage = catalogPlugin.getExtension('page:catalog').override({
  configSchema: {
    healthColumns: z.array(z.enum(HEALTH_COLUMNS)).default([...HEALTH_COLUMNS]),
  },
  factory(originalFactory, { config, inputs }) {
    return originalFactory({
      params: {
        loader: async () => {
          const { CatalogHealthIndexPage } = await import(
            './CatalogHealthIndexPage'
          );
          return (
            <CatalogHealthIndexPage
              filters={
                <>
                  {inputs.filters.map(filter => (
                    <Fragment key={filter.node.spec.id}>
                      {filter.get(coreExtensionData.reactElement)}
                    </Fragment>
                  ))}
                </>
              }
              pagination={config.pagination}
              exportSettings={
                config.exportSettings?.enabled
                  ? config.exportSettings
                  : undefined
              }
              healthColumns={config.healthColumns}
            />
          );
        },
      },
    });
  },
});

/** Overrides the catalog plugin's index page (module of plugin `catalog`). */
export const catalogModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [catalogHealthPage],
});
