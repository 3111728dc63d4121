import { Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { maturityApiRef } from '@internal/backstage-plugin-maturity-react';
import useAsync from 'react-use/esm/useAsync';
import { ComponentMaturityView } from './ComponentMaturityView';
import { RollupMaturityView } from './RollupMaturityView';
import { MaturityError } from './states';

/** Weeks of level history the tab shows. */
export const HISTORY_WEEKS = 26;

/**
 * The Maturity tab of components, systems and groups: a component's checks with their
 * evidence, or a team's or system's roll-up; the level by week in both.
 */
export function EntityMaturityContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(maturityApiRef);
  const { value, loading, error } = useAsync(
    () =>
      Promise.all([
        api.getEntity(entityRef),
        // The tab still shows the level when only the history fails.
        api
          .getHistory(entityRef, { weeks: HISTORY_WEEKS })
          .catch(() => undefined),
      ]),
    [api, entityRef],
  );
  if (loading) return <Progress />;
  if (error) return <MaturityError error={error} />;
  if (!value) return null;
  const [response, history] = value;
  if (response.kind === 'component') {
    return (
      <ComponentMaturityView
        maturity={response.maturity}
        levels={response.levels}
        computedAt={response.computedAt}
        history={history}
        sources={response.sources}
      />
    );
  }
  return <RollupMaturityView response={response} history={history} />;
}
