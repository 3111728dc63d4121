import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import type { ObjectiveReport } from '@internal/backstage-plugin-slo-common';
import { sloApiRef } from '../api/SloClient';
import { noMetricSource, sortObjectives, staleSummary } from '../model/status';
import { FrozenChip } from './chips';
import {
  DefinitionErrors,
  EmptySlos,
  NoSourceNotice,
  StaleNotice,
} from './notices';
import { ObjectivePanel } from './ObjectivePanel';
import { SloRollup } from './SloRollup';
import { DownloadButton } from './sections';
import { useChartDeployments } from './useChartDeployments';
import { usePolicyRefresh } from './usePolicyRefresh';

/** The span covering every objective's window, for one deployments request. */
export function coveringWindow(
  objectives: ObjectiveReport[],
): { from: string; to: string } | undefined {
  if (objectives.length === 0) return undefined;
  const from = Math.min(...objectives.map(o => Date.parse(o.window.from)));
  const to = Math.max(...objectives.map(o => Date.parse(o.window.to)));
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

function ComponentSlos(props: { entityRef: string; name: string }) {
  const { entityRef } = props;
  const api = useApi(sloApiRef);
  // A freeze starting or ending (signalled by the SLO backend) reads the figures again.
  const refreshes = usePolicyRefresh(entityRef);
  const { value, loading, error } = useAsync(
    () => api.getObjectives({ entityRef }),
    [api, entityRef, refreshes],
  );
  const objectives = useMemo(
    () => sortObjectives(value?.objectives ?? []),
    [value],
  );
  const window = useMemo(() => coveringWindow(objectives), [objectives]);
  const noSource = value ? noMetricSource(value) : false;
  const markers = useChartDeployments(entityRef, noSource ? undefined : window);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return null;
  if (objectives.length === 0 && value.definitionErrors.length === 0) {
    return <EmptySlos entityRef={entityRef} />;
  }
  const stale = noSource ? undefined : staleSummary(objectives);
  let deploymentsNote: string | undefined;
  if (!markers.available) {
    deploymentsNote =
      'Install the delivery plugin to see deployments on the charts.';
  } else if (markers.error) {
    deploymentsNote = `Deployments could not be loaded: ${markers.error.message}`;
  }
  return (
    <Box data-testid="slo-tab">
      <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={2}>
        <Typography variant="body2" color="textSecondary" style={{ flex: 1 }}>
          {objectives.length} objective{objectives.length === 1 ? '' : 's'}
          {value.definitionSources.length > 0 &&
            ` from ${value.definitionSources.join(', ')}`}
        </Typography>
        {objectives.some(o => o.frozen) && <FrozenChip />}
        <DownloadButton
          entityRef={entityRef}
          document="openslo"
          label="Export OpenSLO"
          fileName={`${props.name}-openslo.yaml`}
        />
        <DownloadButton
          entityRef={entityRef}
          document="rules"
          label="Prometheus rules"
          fileName={`${props.name}-slo-rules.yaml`}
        />
      </Box>
      {noSource && (
        <NoSourceNotice reason={objectives[0]?.dataQuality.reason} />
      )}
      {stale && <StaleNotice stale={stale} />}
      <DefinitionErrors errors={value.definitionErrors} />
      {objectives.map(objective => (
        <ObjectivePanel
          key={objective.id}
          objective={objective}
          deployments={markers.deployments}
          deploymentsNote={deploymentsNote}
          definitionOnly={noSource}
        />
      ))}
    </Box>
  );
}

/**
 * The SLOs tab: a component's objectives in full; for systems and groups the roll-up of
 * their components.
 *
 * @public
 */
export function EntitySloContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'system' || kind === 'group') {
    return <SloRollup entityRef={entityRef} />;
  }
  return <ComponentSlos entityRef={entityRef} name={entity.metadata.name} />;
}
