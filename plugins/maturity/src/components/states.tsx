import {
  EmptyState,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';

const FIRST_COLLECTION =
  'The first collection runs when the maturity backend starts, then on its schedule.';

/**
 * Whether the backend answered 404: the entity is not in the catalog (as the caller
 * sees it) or is of a kind maturity is not kept for.
 */
export function isNotFound(error: Error): boolean {
  const response = (error as { response?: { status?: number } }).response;
  return response?.status === 404 || error.name === 'NotFoundError';
}

/** An error; a 404 as an empty state saying why there is nothing to rate. */
export function MaturityError(props: { error: Error }) {
  const { error } = props;
  if (isNotFound(error)) {
    return (
      <EmptyState
        missing="data"
        title="Nothing to rate"
        description={error.message}
      />
    );
  }
  return <ResponseErrorPanel error={error} />;
}

/** No component in the catalog has been rated yet. */
export function NoFactsYet() {
  return (
    <EmptyState
      missing="data"
      title="No facts yet"
      description={FIRST_COLLECTION}
    />
  );
}

/**
 * A component the backend has not collected facts for yet (registered since the last
 * run, or before the first): only the catalog's checks are decided.
 */
export function NotCollectedYet() {
  return (
    <WarningPanel
      severity="info"
      title="No facts collected for this component yet"
      message={`${FIRST_COLLECTION} Until then only the catalog's checks are decided; the others are unknown.`}
    />
  );
}
