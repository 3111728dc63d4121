import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  feedingSourceStatuses,
  sourcesNotFeeding,
} from '@internal/backstage-plugin-delivery-common';
import { doraScorecardsApiRef } from '../api';
import { FigureTile } from './FigureTile';
import { FreshnessNotice } from '@internal/backstage-plugin-delivery-react';
import { METRICS, TIME_TO_RESTORE } from './metrics';
import { LeadTimeStages } from './stages/LeadTimeStages';
import { lastDays } from './window';

/** The card's period: the last 12 weeks, against the 12 weeks before. */
const CARD_DAYS = 84;

/** The "DORA" card of a component's or system's overview. */
export function EntityDoraCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(doraScorecardsApiRef);
  const window = useMemo(() => lastDays(CARD_DAYS), []);
  const { value, loading, error } = useAsync(
    () =>
      Promise.all([
        api.getEntityScorecard({ entityRef, ...window }),
        api.getSourceStatus().catch(() => undefined),
      ]),
    [api, entityRef, window],
  );

  return (
    <InfoCard title="DORA" subheader="Last 12 weeks, against the 12 before">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <Box data-testid="scorecard-card">
          {value[0].deploymentFrequency.deployments === 0 && (
            <Typography variant="body2" color="textSecondary" paragraph>
              Not enough data: no production deployment was reported in these 12
              weeks. Check that a source covers this entity.
            </Typography>
          )}
          <Box
            display="grid"
            style={{
              gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))',
            }}
          >
            {METRICS.map(metric => (
              <FigureTile
                key={metric.key}
                scorecard={value[0]}
                metric={metric}
                bands={value[0].bands}
              />
            ))}
          </Box>
          <Divider />
          <FigureTile
            scorecard={value[0]}
            metric={TIME_TO_RESTORE}
            bands={value[0].bands}
          />
          <Divider />
          <Box mt={1}>
            <Typography variant="subtitle2" gutterBottom>
              Where lead time goes
            </Typography>
            <LeadTimeStages
              entityRef={entityRef}
              {...window}
              subject={entity.kind.toLowerCase()}
            />
          </Box>
          <FreshnessNotice
            sources={feedingSourceStatuses(value[1], sourcesNotFeeding(entity))}
            subject="Figures"
            testIdPrefix="scorecard"
            listSources
          />
        </Box>
      )}
    </InfoCard>
  );
}
