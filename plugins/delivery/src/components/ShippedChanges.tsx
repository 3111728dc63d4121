import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { ListedDeployment } from '@internal/backstage-plugin-delivery-common';
import {
  deliveryApiRef,
  PagedChanges,
} from '@internal/backstage-plugin-delivery-react';

/** Changes listed per page under a deployment. */
const PAGE_SIZE = 20;

/**
 * The pull and merge requests a deployment shipped: those it was the first successful
 * production deployment of, with their stages.
 */
export function ShippedChanges(props: {
  deployment: Pick<ListedDeployment, 'entityRef' | 'source' | 'id'>;
}) {
  const { entityRef, source, id } = props.deployment;
  const api = useApi(deliveryApiRef);
  return (
    <Box mt={1} data-testid="delivery-shipped-changes">
      <Typography variant="subtitle2">Changes it shipped</Typography>
      <PagedChanges
        requestKey={`${entityRef} ${source} ${id}`}
        fetchPage={cursor =>
          api.listChanges({
            entityRef,
            deploymentSource: source,
            deploymentId: id,
            limit: PAGE_SIZE,
            cursor,
          })
        }
        showDeployment={false}
        empty="No pull or merge request: only its first successful production deployment lists a change."
      />
    </Box>
  );
}
