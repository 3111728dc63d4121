import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  ListedChange,
  Page,
} from '@internal/backstage-plugin-delivery-common';
import { ChangesTable } from './ChangesTable';

/**
 * `GET /changes` a page at a time (newest first), with its loading, error and empty
 * states. `fetchPage` is called again from the first page whenever `requestKey`
 * changes.
 */
export function PagedChanges(props: {
  fetchPage: (cursor?: string) => Promise<Page<ListedChange>>;
  requestKey: string;
  /** Shown when there is none, e.g. "No change was deployed in this period." */
  empty: string;
  showDeployment?: boolean;
  'data-testid'?: string;
}) {
  const { requestKey, empty, showDeployment } = props;
  const fetchPage = useRef(props.fetchPage);
  fetchPage.current = props.fetchPage;
  const [items, setItems] = useState<ListedChange[]>([]);
  const [nextCursor, setNextCursor] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();
  // Answers of an earlier request key are dropped.
  const current = useRef(requestKey);

  const load = useCallback(async (key: string, cursor?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await fetchPage.current(cursor);
      if (current.current !== key) return;
      setItems(previous =>
        cursor ? [...previous, ...page.items] : page.items,
      );
      setNextCursor(page.nextCursor);
    } catch (e) {
      if (current.current === key) setError(e as Error);
    } finally {
      if (current.current === key) setLoading(false);
    }
  }, []);

  useEffect(() => {
    current.current = requestKey;
    setItems([]);
    setNextCursor(undefined);
    load(requestKey);
  }, [requestKey, load]);

  return (
    <Box data-testid={props['data-testid']}>
      {items.length > 0 && (
        <ChangesTable changes={items} showDeployment={showDeployment} />
      )}
      {!loading && !error && items.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          {empty}
        </Typography>
      )}
      {error && <ResponseErrorPanel error={error} />}
      {loading && <Progress />}
      {!loading && nextCursor && (
        <Box mt={1}>
          <Button
            size="small"
            variant="outlined"
            onClick={() => load(requestKey, nextCursor)}
          >
            Load more
          </Button>
        </Box>
      )}
    </Box>
  );
}
