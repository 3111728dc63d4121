import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';

/**
 * Whether the backend answered 404 (no facts collected yet for what was asked),
 * as `ResponseError` from the client or a NotFoundError.
 */
export function isNotFound(error: Error): boolean {
  const response = (error as { response?: { status?: number } }).response;
  return response?.status === 404 || error.name === 'NotFoundError';
}

/** An error, or the empty state when the backend has no facts yet. */
export function MaturityError(props: { error: Error }) {
  const { error } = props;
  if (isNotFound(error)) return <NoFactsYet detail={error.message} />;
  return <ResponseErrorPanel error={error} />;
}

/** Nothing collected yet: the backend's first collection has not run or found nothing. */
export function NoFactsYet(props: { detail?: string }) {
  return (
    <EmptyState
      missing="data"
      title="No facts yet"
      description={`The first collection runs when the maturity backend starts, then on its schedule.${
        props.detail ? ` (${props.detail})` : ''
      }`}
    />
  );
}
