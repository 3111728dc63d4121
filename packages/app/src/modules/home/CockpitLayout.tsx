import { parseEntityRef } from '@backstage/catalog-model';
import {
  Content,
  ContentHeader,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { CustomHomepageGrid } from '@backstage/plugin-home';
import type { HomePageLayoutProps } from '@backstage/plugin-home-react/alpha';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Typography from '@material-ui/core/Typography';
import { cloneElement, useMemo } from 'react';
import { HomeScope } from './scope';
import { useHomeScope } from './useHomeScope';

/**
 * Twelve columns down to tablets, so app-config's placement (12 columns) holds on a
 * laptop screen; phones stack the widgets.
 */
const GRID_COLUMNS = { xl: 12, lg: 12, md: 12, sm: 12, xs: 1, xxs: 1 };

/** "team-checkout", linked to the group's page. */
function GroupLinks(props: { refs: string[] }) {
  return (
    <>
      {props.refs.map((ref, index) => {
        const { namespace, name } = parseEntityRef(ref);
        return (
          <span key={ref}>
            {index > 0 && ', '}
            <Link to={`/catalog/${namespace}/group/${name}`}>{name}</Link>
          </span>
        );
      })}
    </>
  );
}

function ScopeCaption(props: { scope: HomeScope }) {
  const { scope } = props;
  if (scope.entityRefs.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {scope.kind === 'teams'
          ? 'You belong to no team in the catalog: switch to the whole organisation.'
          : 'The catalog has no group of type organization.'}
      </Typography>
    );
  }
  return (
    <Typography variant="body2" data-testid="home-scope">
      {scope.kind === 'teams' ? 'Your teams: ' : 'Organisation: '}
      <GroupLinks refs={scope.entityRefs} />
    </Typography>
  );
}

/**
 * The cockpit: a switch between the user's teams and the whole organisation above the
 * home plugin's rearrangeable grid. Every widget gets the resolved scope as its `scope`
 * prop, so widgets of any plugin follow the switch without knowing each other.
 */
export function CockpitLayout(props: HomePageLayoutProps) {
  const { widgets, defaultConfig } = props;
  const { kind, setKind, value: scope, loading, error } = useHomeScope();
  const gridConfig = useMemo(
    () =>
      defaultConfig?.map(item => ({
        component: item.component,
        x: item.column,
        y: item.row,
        width: item.width,
        height: item.height,
        movable: item.movable,
        deletable: item.deletable,
        resizable: item.resizable,
      })),
    [defaultConfig],
  );

  return (
    <Content>
      <ContentHeader title="Delivery cockpit">
        <ButtonGroup size="small" aria-label="Whose delivery">
          <Button
            variant={kind === 'teams' ? 'contained' : 'outlined'}
            color="primary"
            aria-pressed={kind === 'teams'}
            onClick={() => setKind('teams')}
          >
            My teams
          </Button>
          <Button
            variant={kind === 'organization' ? 'contained' : 'outlined'}
            color="primary"
            aria-pressed={kind === 'organization'}
            onClick={() => setKind('organization')}
          >
            Whole organisation
          </Button>
        </ButtonGroup>
      </ContentHeader>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {scope && !loading && (
        <Box mb={1}>
          <ScopeCaption scope={scope} />
        </Box>
      )}
      {scope && !loading && scope.entityRefs.length > 0 && (
        <CustomHomepageGrid
          config={gridConfig}
          rowHeight={40}
          cols={GRID_COLUMNS}
        >
          {widgets.map((widget, index) =>
            cloneElement(widget.component, {
              key: widget.name ?? index,
              scope,
            }),
          )}
        </CustomHomepageGrid>
      )}
    </Content>
  );
}
