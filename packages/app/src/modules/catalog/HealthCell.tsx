import { HoverLines } from '@internal/backstage-plugin-delivery-react';
import { ReactNode, memo, useEffect, useState } from 'react';
import { RowBatcher } from './rowBatcher';

type CellState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'done'; value: T | null };

/** Loaded already (a re-mounted cell shows it at once), or loading. */
function known<T>(batcher: RowBatcher<T>, entityRef: string): CellState<T> {
  const loaded = batcher.peek(entityRef);
  return loaded ? { status: 'done', ...loaded } : { status: 'loading' };
}

function sameState<T>(a: CellState<T>, b: CellState<T>): boolean {
  if (a.status === 'done' && b.status === 'done') return a.value === b.value;
  if (a.status === 'error' && b.status === 'error') return a.error === b.error;
  return a.status === 'loading' && b.status === 'loading';
}

interface HealthCellProps<T> {
  batcher: RowBatcher<T>;
  entityRef: string;
  /** The column's name, for the error tooltip. */
  title: string;
  /** The column's renderer, the same function for every row and render of the table. */
  render: (entityRef: string, value: T | null) => ReactNode;
}

/**
 * One health cell: asks the column's batcher for its row, shows a placeholder while the
 * batch loads and "–" with the reason when it failed (never a figure), else `render`.
 */
function HealthCellOfRow<T>(props: HealthCellProps<T>) {
  const { batcher, entityRef } = props;
  // What the cell shows, and for which row: the table reuses a cell for another row
  // (the next page, a filter), which must never show the previous row's figure.
  const [shown, setShown] = useState(() => ({
    entityRef,
    state: known(batcher, entityRef),
  }));
  const state =
    shown.entityRef === entityRef ? shown.state : known(batcher, entityRef);
  useEffect(() => {
    let current = true;
    // Unchanged (the answer was known when the cell mounted): no second render.
    const show = (next: CellState<T>) => {
      if (!current) return;
      setShown(before =>
        before.entityRef === entityRef && sameState(before.state, next)
          ? before
          : { entityRef, state: next },
      );
    };
    show(known(batcher, entityRef));
    batcher.get(entityRef).then(
      value => show({ status: 'done', value }),
      error => show({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [batcher, entityRef]);
  if (state.status === 'loading') {
    return (
      <span data-testid="catalog-health-loading" aria-busy="true">
        …
      </span>
    );
  }
  if (state.status === 'error') {
    return (
      <HoverLines
        lines={[`${props.title} could not be loaded: ${state.error.message}`]}
      >
        <span data-testid="catalog-health-error">–</span>
      </HoverLines>
    );
  }
  return (
    <span data-entity-ref={entityRef.toLowerCase()}>
      {props.render(entityRef, state.value)}
    </span>
  );
}

/**
 * Memoised: the catalog re-renders its whole table several times as its page settles
 * (counts, owner names, the URL's filters); a cell whose row and answer are unchanged
 * renders nothing again, so those passes stay as cheap as without the health columns.
 */
export const HealthCell = memo(HealthCellOfRow) as typeof HealthCellOfRow;
