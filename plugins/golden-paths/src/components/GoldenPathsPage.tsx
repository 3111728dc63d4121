import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { goldenPathsApiRef } from '../api/GoldenPathsClient';
import { ComponentDrift, TemplateSummary } from '../api/types';
import { describeDrift, shortRef } from './format';

function entityLink(ref: string) {
  // Owners may be written short (team-checkout): a group in the default namespace.
  const { kind, namespace, name } = parseEntityRef(ref, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
  return `/catalog/${namespace}/${kind.toLocaleLowerCase('en-US')}/${name}`;
}

/** Current in the primary colour, patch-level drift plain, the rest highlighted. */
function statusColor(row: ComponentDrift): 'primary' | 'default' | 'secondary' {
  if (row.status === 'current') return 'primary';
  if (row.status === 'behind' && row.behind?.level === 'patch')
    return 'default';
  return 'secondary';
}

const componentColumns: TableColumn<ComponentDrift>[] = [
  {
    title: 'Component',
    field: 'entityRef',
    render: row => (
      <Link to={entityLink(row.entityRef)}>
        {row.title ?? shortRef(row.entityRef)}
      </Link>
    ),
  },
  {
    title: 'Owner',
    field: 'owner',
    render: row =>
      row.owner ? (
        <Link to={entityLink(row.owner)}>{shortRef(row.owner)}</Link>
      ) : (
        '–'
      ),
  },
  {
    title: 'Template',
    field: 'template',
    render: row => (
      <Link to={entityLink(row.template)}>{shortRef(row.template)}</Link>
    ),
  },
  { title: 'Version', field: 'version', render: row => row.version ?? '–' },
  {
    title: 'Latest',
    field: 'latestVersion',
    render: row => row.latestVersion ?? '–',
  },
  {
    title: 'Drift',
    field: 'status',
    render: row => (
      <Chip size="small" label={describeDrift(row)} color={statusColor(row)} />
    ),
  },
];

function TemplateSummaries({ templates }: { templates: TemplateSummary[] }) {
  return (
    <Grid container spacing={2}>
      {templates.map(t => (
        <Grid item xs={12} sm={6} md={4} key={t.entityRef}>
          <Typography variant="h6">
            <Link to={entityLink(t.entityRef)}>
              {t.title ?? shortRef(t.entityRef)}
            </Link>
          </Typography>
          <Typography variant="body2" color="textSecondary">
            latest {t.latestVersion ?? 'unknown (no version annotation)'} ·{' '}
            {t.components} component{t.components === 1 ? '' : 's'} · {t.behind}{' '}
            behind
          </Typography>
        </Grid>
      ))}
    </Grid>
  );
}

/** The drift report: every component made from a golden path, furthest behind first. */
export function GoldenPathsContent() {
  const api = useApi(goldenPathsApiRef);
  const { value, loading, error } = useAsync(() => api.getDrift(), [api]);

  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.components.length === 0) {
    return (
      <EmptyState
        missing="content"
        title="No component made from a golden path yet"
        description="Components created from the templates carry the golden-path.acme-portal.io/template and -template-version annotations; none is in the catalog."
        action={<Link to="/create">Create one from a golden path</Link>}
      />
    );
  }
  const behind = value.components.filter(c => c.status === 'behind').length;
  return (
    <>
      {value.stale && (
        <WarningPanel
          severity="warning"
          title={`The catalog could not be read: showing it as read at ${new Date(
            value.readAt ?? value.generatedAt,
          ).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC`}
        />
      )}
      <ContentHeader
        title={`${behind} of ${value.components.length} components on an older template version`}
      />
      <TemplateSummaries templates={value.templates} />
      <Table<ComponentDrift>
        title="Components by template drift"
        options={{
          paging: value.components.length > 20,
          pageSize: 20,
          search: true,
        }}
        columns={componentColumns}
        data={value.components}
      />
    </>
  );
}

/** The "Golden paths" page. */
export function GoldenPathsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Golden paths"
        subtitle="Who is off the paved road, and by how much"
      />
      <Content>
        <GoldenPathsContent />
      </Content>
    </Page>
  );
}
