import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { deploymentSourceAdvice } from './deploymentSourceAdvice';

export { ANNOTATION_SNIPPET } from './deploymentSourceAdvice';

/**
 * No deployment was ever reported for the entity: what connects a source, for the host
 * its repository is on.
 */
export function EmptyDeployments(props: {
  entityRef: string;
  annotations?: Record<string, string>;
}) {
  const advice = deploymentSourceAdvice(props.entityRef, props.annotations);
  return (
    <EmptyState
      missing="info"
      title="No deployments reported yet"
      description={`The deployment timeline fills in once a delivery source reports runs for ${props.entityRef}. ${advice.summary}`}
      action={
        <Box
          data-testid="delivery-annotation-snippet"
          data-repository-host={advice.host}
        >
          {advice.snippet && (
            <CodeSnippet
              language={advice.snippet.language}
              text={advice.snippet.text}
              showCopyCodeButton
            />
          )}
          {advice.host !== 'plain-git' && (
            <Typography variant="body2" style={{ marginTop: 12 }}>
              Any CI job can also report deployments with{' '}
              <code>POST /api/delivery/events</code> naming{' '}
              <code>entityRef: {props.entityRef}</code> (see the
              delivery-backend README).
            </Typography>
          )}
        </Box>
      }
    />
  );
}
