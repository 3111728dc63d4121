import type { TeamScorecard } from '@internal/backstage-plugin-delivery-common';

const HEADER = [
  'team',
  'entityRef',
  'parent',
  'services',
  'deployments',
  'deploymentsPerDay',
  'deploymentFrequencyBand',
  'leadTimeChanges',
  'leadTimeMedianHours',
  'leadTimeP90Hours',
  'leadTimeBand',
  'changeFailureRate',
  'failedDeployments',
  'changeFailureRateBand',
  'recoveryMedianHours',
  'unrecoveredFailures',
  'recoveryBand',
  'reworkRate',
  'timeToRestoreMedianHours',
  'incidents',
];

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The teams as CSV (RFC 4180), the backend's numbers unrounded; empty cells where there
 * is not enough data, never 0.
 */
export function teamsToCsv(teams: TeamScorecard[]): string {
  const lines = teams.map(
    ({ title, entityRef, parent, components, figures }) => {
      const f = figures;
      const deployed = f.deploymentFrequency.deployments > 0;
      return [
        title,
        entityRef,
        parent,
        components.length,
        f.deploymentFrequency.deployments,
        deployed ? f.deploymentFrequency.perDay : null,
        f.deploymentFrequency.band,
        f.leadTimeForChanges.changes,
        f.leadTimeForChanges.medianHours,
        f.leadTimeForChanges.p90Hours,
        f.leadTimeForChanges.band,
        f.changeFailureRate.ratio,
        f.changeFailureRate.failed,
        f.changeFailureRate.band,
        f.failedDeploymentRecoveryTime.medianHours,
        f.failedDeploymentRecoveryTime.unrecovered,
        f.failedDeploymentRecoveryTime.band,
        f.deploymentReworkRate.ratio,
        f.timeToRestoreService.medianHours,
        f.timeToRestoreService.incidents,
      ]
        .map(cell)
        .join(',');
    },
  );
  return `${[HEADER.join(','), ...lines].join('\r\n')}\r\n`;
}

/** Offers `text` as a file download. */
export function downloadCsv(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
