import { render, screen } from '@testing-library/react';
import type { SourceStatus } from '@internal/backstage-plugin-delivery-common/client';
import { FreshnessNotice } from './FreshnessNotice';

const now = Date.parse('2026-01-12T12:00:00Z');
const fresh: SourceStatus = {
  id: 'github',
  source: 'github',
  lastSuccessAt: '2026-01-12T11:00:00Z',
  stale: false,
  failing: [],
};
const stale: SourceStatus = {
  id: 'argocd/eu',
  source: 'argocd',
  instance: 'eu',
  lastSuccessAt: '2026-01-12T09:00:00Z',
  lastErrorAt: '2026-01-12T10:00:00Z',
  lastError: 'GET /api/v1/applications: 503',
  stale: true,
  failing: ['pull'],
};
const off: SourceStatus = {
  id: 'gitlab',
  source: 'gitlab',
  stale: false,
  failing: [],
  disabled: true,
  disabledReason: 'not configured',
};

describe('FreshnessNotice', () => {
  it('shows nothing when the backend does not report freshness', () => {
    const { container } = render(
      <FreshnessNotice subject="Data" testIdPrefix="t" listSources />,
    );
    expect(container).toBeEmptyDOMElement();
  });

  it('names each stale source with its last sync and last error', () => {
    render(
      <FreshnessNotice
        sources={[fresh, stale]}
        now={now}
        subject="Figures"
        testIdPrefix="t"
      />,
    );
    expect(
      screen.getByText(/Figures may be out of date: argocd\/eu/),
    ).toBeInTheDocument();
    const line = screen.getByTestId('t-stale-argocd/eu');
    expect(line).toHaveTextContent('last successful sync 3 hours ago');
    expect(line).toHaveTextContent(
      'last error: GET /api/v1/applications: 503 (2 hours ago)',
    );
    expect(screen.queryByTestId('t-stale-github')).toBeNull();
  });

  it('lists the sources when none is stale only when asked, never warning about one that is off', () => {
    const notice = (sources: SourceStatus[], listSources: boolean) => (
      <FreshnessNotice
        sources={sources}
        now={now}
        subject="Data"
        testIdPrefix="t"
        listSources={listSources}
      />
    );
    const { rerender } = render(notice([fresh, off], false));
    expect(screen.queryByTestId('t-sources')).toBeNull();
    expect(screen.queryByText(/out of date/)).toBeNull();
    rerender(notice([fresh, off], true));
    expect(screen.getByTestId('t-sources')).toHaveTextContent(
      'Sources: github (synced 1 hour ago), gitlab (off, not configured)',
    );
    rerender(notice([], true));
    expect(screen.getByTestId('t-sources')).toHaveTextContent(
      'none has reported a sync yet',
    );
  });
});
