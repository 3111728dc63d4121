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
  const [state, setState] = useState<CellState<T>>(() =>
    known(batcher, entityRef),
  );
  useEffect(() => {
    let current = true;
    // Unchanged (the answer was known when the cell mounted): no second render.
    const show = (next: CellState<T>) => {
      if (current) setState(shown => (sameState(shown, next) ? shown : next));
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
 * A row's cell, made afresh for another row: the table reuses its cells for the next
 * page or a filter, and a cell must never show the previous row's figure. Memoised: the
 * catalog re-renders its whole table several times as its page settles (counts, owner
 * names, the URL's filters); a cell whose row and answer are unchanged renders nothing
 * again, so those passes stay as cheap as without the health columns.
 */
export const HealthCell = memo(function HealthCellKeyedByRow<T>(
  props: HealthCellProps<T>,
) {
  return <HealthCellOfRow key={props.entityRef} {...props} />;
}) as <T>(props: HealthCellProps<T>) => JSX.Element;
