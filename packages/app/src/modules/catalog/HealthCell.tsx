import { HoverLines } from '@internal/backstage-plugin-delivery-react';
import { ReactNode, useEffect, useState } from 'react';
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

/**
 * One health cell: asks the column's batcher for its row, shows a placeholder while the
 * batch loads and "–" with the reason when it failed (never a figure), else `render`.
 */
export function HealthCell<T>(props: {
  batcher: RowBatcher<T>;
  entityRef: string;
  /** The column's name, for the error tooltip. */
  title: string;
  render: (value: T | null) => ReactNode;
}) {
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
    <span data-entity-ref={entityRef.toLocaleLowerCase('en-US')}>
      {props.render(state.value)}
    </span>
  );
}
