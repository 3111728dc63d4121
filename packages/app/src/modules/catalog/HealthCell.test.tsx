import { act, render, screen } from '@testing-library/react';
import { HealthCell } from './HealthCell';
import { RowBatcher } from './rowBatcher';

const ref = 'component:default/checkout';

/** A batcher whose request waits until the test answers it. */
function controlledBatcher() {
  let answer: (items: Record<string, string>) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const batcher = new RowBatcher<string>(
    () =>
      new Promise((resolve, reject) => {
        answer = resolve;
        fail = reject;
      }),
  );
  return {
    batcher,
    answer: (items: Record<string, string>) => answer(items),
    fail: (error: Error) => fail(error),
  };
}

describe('HealthCell', () => {
  it('shows the placeholder while the batch loads, then the value', async () => {
    const { batcher, answer } = controlledBatcher();
    render(
      <HealthCell
        batcher={batcher}
        entityRef={ref}
        title="DORA"
        render={(_entityRef, value) => <b>{value}</b>}
      />,
    );
    expect(screen.getByTestId('catalog-health-loading')).toHaveTextContent('…');
    await act(async () => {
      await new Promise(resolve => setTimeout(resolve, 0)); // the batch is sent
      answer({ [ref]: 'high' });
    });
    expect(screen.getByText('high')).toBeInTheDocument();
    expect(screen.queryByTestId('catalog-health-loading')).toBeNull();
  });

  it('shows a row prefetched and answered before it mounted at once, rendering it once', async () => {
    const { batcher, answer } = controlledBatcher();
    batcher.prefetch([ref]);
    await act(async () => answer({ [ref]: 'elite' }));
    const renders: Array<string | null> = [];
    render(
      <HealthCell
        batcher={batcher}
        entityRef={ref}
        title="DORA"
        render={(_entityRef, value) => {
          renders.push(value);
          return <b>{value}</b>;
        }}
      />,
    );
    await act(async () => {});
    expect(screen.getByText('elite')).toBeInTheDocument();
    expect(renders).toEqual(['elite']);
  });

  it("renders nothing again when the table re-renders its row, and never the previous row's value in a reused cell", async () => {
    const { batcher, answer } = controlledBatcher();
    batcher.prefetch([ref]);
    await act(async () => answer({ [ref]: 'high' }));
    const renders: Array<string | null> = [];
    // the column's renderer: one function for every row and render of the table
    const renderValue = (_entityRef: string, value: string | null) => {
      renders.push(value);
      return <b>{value}</b>;
    };
    const cell = (entityRef: string) => (
      <HealthCell
        batcher={batcher}
        entityRef={entityRef}
        title="DORA"
        render={renderValue}
      />
    );
    const { rerender } = render(cell(ref));
    rerender(cell(ref));
    rerender(cell(ref));
    expect(renders).toEqual(['high']);
    // another row in its place is rendered
    rerender(cell('component:default/payments'));
    await act(async () => {
      await new Promise(resolve => setTimeout(resolve, 0));
      answer({ 'component:default/payments': 'low' });
    });
    expect(screen.getByText('low')).toBeInTheDocument();
    expect(renders).toEqual(['high', 'low']);
  });

  it('shows "–" with the reason when the batch failed, never a figure', async () => {
    const { batcher, fail } = controlledBatcher();
    render(
      <HealthCell
        batcher={batcher}
        entityRef={ref}
        title="Error budget"
        render={(_entityRef, value) => <b>{value}</b>}
      />,
    );
    await act(async () => {
      await new Promise(resolve => setTimeout(resolve, 0));
      fail(new Error('503 Service Unavailable'));
    });
    const cell = screen.getByTestId('catalog-health-error');
    expect(cell).toHaveTextContent('–');
    expect(cell.parentElement).toHaveAttribute(
      'title',
      'Error budget could not be loaded: 503 Service Unavailable',
    );
  });
});
