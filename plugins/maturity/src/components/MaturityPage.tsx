import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { OrganisationMaturityResponse } from '@internal/backstage-plugin-maturity-common';
import { maturityApiRef } from '@internal/backstage-plugin-maturity-react';
import { RelativeTime } from '@internal/backstage-plugin-delivery-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { levelName } from '../model/format';
import { Distribution } from './Distribution';
import { EntityLevelTable } from './EntityLevelTable';
import { InitiativeCard } from './InitiativeCard';
import { Pillars } from './Pillars';
import { MaturityError, NoFactsYet } from './states';

/** The organisation page at /maturity. */
export function MaturityPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Delivery maturity"
        subtitle="Levels from evidence: what the portal measures, not what teams report"
      />
      <Content>
        <OrganisationMaturity />
      </Content>
    </Page>
  );
}

/** Levels by team, the distribution, pillars and initiatives with their progress. */
export function OrganisationMaturity() {
  const api = useApi(maturityApiRef);
  const { value, loading, error } = useAsync(
    () => api.getOrganisation(),
    [api],
  );
  if (loading) return <Progress />;
  if (error) return <MaturityError error={error} />;
  if (!value) return null;
  return <OrganisationView response={value} />;
}

function OrganisationView(props: { response: OrganisationMaturityResponse }) {
  const { response } = props;
  const { levels } = response;
  const components = response.distribution.some(count => count > 0);
  const now = new Date(Date.now()).toISOString();
  if (!components && response.teams.length === 0) {
    return <NoFactsYet />;
  }
  return (
    <Grid container spacing={3} data-testid="maturity-organisation">
      <Grid item xs={12}>
        <Typography variant="caption" color="textSecondary">
          Computed <RelativeTime iso={response.computedAt} />
        </Typography>
      </Grid>
      <Grid item xs={12} md={5}>
        <InfoCard title="Components by level">
          <Distribution distribution={response.distribution} levels={levels} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={7}>
        <InfoCard title="Pillars">
          <Pillars pillars={response.pillars} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Levels by team">
          {response.teams.length === 0 ? (
            <Typography color="textSecondary">
              No team owns a component yet.
            </Typography>
          ) : (
            <EntityLevelTable
              testId="maturity-org-teams"
              nameHeader="Team"
              rows={response.teams.map(team => ({
                ...team,
                levelName: levelName(levels, team.level),
              }))}
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <Typography variant="h5">Initiatives</Typography>
        {response.initiatives.length === 0 && (
          <Typography color="textSecondary">
            No initiative yet: define them under maturity.initiatives in the
            app-config.
          </Typography>
        )}
      </Grid>
      {response.initiatives.map(initiative => (
        <Grid item xs={12} md={6} key={initiative.id}>
          <InitiativeCard initiative={initiative} levels={levels} now={now} />
        </Grid>
      ))}
    </Grid>
  );
}
