import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

export const ANNOTATION_SNIPPET = `metadata:
  annotations:
    # GitHub deployments and workflow runs of this repository
    github.com/project-slug: my-org/my-service
    # only in a monorepo: the sub-path this component owns
    delivery.acme-portal.io/paths: apps/my-service`;

/** No deployment was ever reported for the entity: how to connect a source. */
export function EmptyDeployments(props: { entityRef: string }) {
  return (
    <EmptyState
      missing="info"
      title="No deployments reported yet"
      description={`The deployment timeline fills in once a delivery source reports runs for ${props.entityRef}. Add the annotation of your source control to the entity's catalog-info.yaml:`}
      action={
        <Box data-testid="delivery-annotation-snippet">
          <CodeSnippet
            language="yaml"
            text={ANNOTATION_SNIPPET}
            showCopyCodeButton
          />
          <Typography variant="body2" style={{ marginTop: 12 }}>
            Any CI job can also report deployments with{' '}
            <code>POST /api/delivery/events</code> naming{' '}
            <code>entityRef: {props.entityRef}</code> (see the delivery-backend
            README).
          </Typography>
        </Box>
      }
    />
  );
}
