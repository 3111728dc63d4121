import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { doraScorecardsApiRef } from '../../api';
import {
  emptyBreakdown,
  emptyChangeFlow,
  fakeScorecardsApi,
} from '../../testUtils/fixtures';
import { LeadTimeStages } from './LeadTimeStages';

const window = {
  from: '2026-01-05T00:00:00.000Z',
  to: '2026-01-12T00:00:00.000Z',
};

function renderStages(api = fakeScorecardsApi()) {
  return renderInTestApp(
    <TestApiProvider apis={[[doraScorecardsApiRef, api]]}>
      <LeadTimeStages
        entityRef="component:default/checkout"
        {...window}
        subject="component"
      />
    </TestApiProvider>,
  );
}

const stage = (name: string) => screen.getByTestId(`stage-figure-${name}`);

describe('LeadTimeStages', () => {
  it('draws the stages in proportion to their medians, with median and p90', async () => {
    const api = fakeScorecardsApi();
    await renderStages(api);
    await screen.findByTestId('stage-bar');
    expect(api.getLeadTimeBreakdown).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      ...window,
    });
    expect(api.getChangeFlow).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      ...window,
    });

    // Medians 4 + 4 + 4 + 22 = 34 h (changeFixtures): deploy 22/34 of the bar.
    expect(screen.getByTestId('stage-segment-deploy')).toHaveStyle({
      width: `${(22 / 34) * 100}%`,
    });
    expect(screen.getByTestId('stage-segment-coding')).toHaveAttribute(
      'data-share',
      String(4 / 34),
    );
    // coding [2, 4, 6]: median 4, p90 5.6; deploy [10, 22, 24]: 22, 23.6.
    expect(stage('coding')).toHaveTextContent('Coding4 h p90 5.6 h');
    expect(stage('coding')).toHaveAttribute('data-median', '4');
    expect(stage('coding')).toHaveAttribute('data-p90', '5.6');
    expect(stage('pickup')).toHaveTextContent('4 h p90 5.6 h');
    expect(stage('review')).toHaveTextContent('4 h p90 4 h');
    expect(stage('deploy')).toHaveTextContent('22 h p90 23.6 h');
    expect(stage('deploy')).toHaveAttribute('data-count', '3');
  });

  it('shows the share without review, awaiting deploy and sizes beside the bar', async () => {
    await renderStages();
    await screen.findByTestId('stage-bar');
    // #102 of #101..#103 was merged without review: 1 of 3 = 33.3%.
    const unreviewed = screen.getByTestId('stage-unreviewed');
    expect(unreviewed).toHaveAttribute('data-value', String(1 / 3));
    expect(unreviewed).toHaveTextContent('33.3%');
    expect(unreviewed).toHaveTextContent('1 of 3 changes');
    // #104 merged Jan 10 and shipped by nothing.
    expect(screen.getByTestId('stage-awaiting')).toHaveAttribute(
      'data-value',
      '1',
    );
    // XS 1, S 1, L 1 of 3 sized: 33.3% each, M and XL 0%.
    const sizes = screen.getByTestId('stage-sizes');
    expect(within(sizes).getByTestId('stage-size-L')).toHaveTextContent(
      'L33.3%',
    );
    expect(within(sizes).getByTestId('stage-size-M')).toHaveTextContent('M0%');
    expect(sizes).toHaveTextContent('of 3 changes');
  });

  it('draws the weekly medians of each stage, a gap for a week without changes', async () => {
    await renderStages();
    await screen.findByTestId('stage-bar');
    const deploy = within(screen.getByTestId('stage-trend-deploy')).getByTestId(
      'stage-sparkline',
    );
    expect(deploy).toHaveAttribute(
      'aria-label',
      'Deploy median, weekly: no data, 22 h',
    );
  });

  it('lists the changes behind the bar, a page at a time, with stages and links', async () => {
    const api = fakeScorecardsApi();
    await renderStages(api);
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Lead-time stages: show the changes behind them',
      }),
    );
    const list = await screen.findByTestId('stage-drilldown');
    expect(api.listChanges).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
      ...window,
      limit: 50,
      cursor: undefined,
    });
    expect(await within(list).findByText('#104 Add coupons')).toHaveAttribute(
      'href',
      'https://github.com/acme/checkout/pull/104',
    );
    fireEvent.click(within(list).getByRole('button', { name: 'Load more' }));
    const unreviewed = await within(list).findByText('#102 Fix totals');
    const row = unreviewed.closest('tr')!;
    expect(within(row).getByTestId('delivery-change-coding')).toHaveTextContent(
      '4 h',
    );
    expect(within(row).getByTestId('delivery-change-pickup')).toHaveTextContent(
      'no review',
    );
    expect(within(row).getByTestId('delivery-change-deploy')).toHaveTextContent(
      '10 h',
    );
    expect(within(row).getByText('v-d1')).toHaveAttribute(
      'href',
      'https://ci.example.com/runs/d1',
    );
    expect(api.listChanges).toHaveBeenLastCalledWith(
      expect.objectContaining({ cursor: 'page-2' }),
    );
    expect(within(list).getAllByTestId('delivery-change-row')).toHaveLength(4);
    expect(
      within(list).queryByRole('button', { name: 'Load more' }),
    ).toBeNull();
  });

  it('says "not enough data" instead of 0% or an empty bar', async () => {
    await renderStages(
      fakeScorecardsApi({
        getLeadTimeBreakdown: jest.fn(async () => emptyBreakdown),
        getChangeFlow: jest.fn(async () => emptyChangeFlow),
      }),
    );
    expect(
      await screen.findByTestId('stage-not-enough-data'),
    ).toHaveTextContent('no pull or merge request of this component');
    expect(screen.queryByTestId('stage-bar')).toBeNull();
    expect(screen.getByTestId('stage-unreviewed')).toHaveAttribute(
      'data-value',
      '',
    );
    expect(screen.getByTestId('stage-unreviewed')).toHaveTextContent(
      'Not enough data',
    );
    expect(screen.getByTestId('stage-unreviewed')).not.toHaveTextContent('%');
    expect(screen.getByTestId('stage-sizes')).toHaveTextContent(
      'Not enough data',
    );
  });

  it('shows the error of a failed request', async () => {
    await renderStages(
      fakeScorecardsApi({
        getChangeFlow: jest.fn(async () => {
          throw new Error('change flow unavailable');
        }),
      }),
    );
    expect(
      (await screen.findAllByText(/change flow unavailable/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByTestId('stage-bar')).toBeNull();
  });
});
