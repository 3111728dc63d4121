import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import {
  BurnRateTierReport,
  CompliancePeriod,
  describeDuration,
  formatTargetPercent,
  millisToDuration,
  ObjectiveReport,
} from '@internal/backstage-plugin-slo-common';
import { sloApiRef } from '../api/SloClient';
import {
  describeIndicator,
  describeWindow,
  formatBurnRate,
  formatPercent,
  indicatorQueries,
} from '../model/format';
import { stateColors } from './chips';
import { ExplainToggle } from './Explain';

const tierStateColor = {
  firing: stateColors.critical,
  ok: stateColors.ok,
  unknown: stateColors.unknown,
};

/** `1h / 5m` */
export function tierWindows(tier: BurnRateTierReport): string {
  const format = (ms: number) => {
    const d = millisToDuration(ms);
    return `${d.value}${d.unit}`;
  };
  return `${format(tier.longWindowMs)} / ${format(tier.shortWindowMs)}`;
}

/** Multiwindow burn-rate tiers: both windows must exceed the threshold to fire. */
export function BurnRateTable(props: { objective: ObjectiveReport }) {
  const { objective } = props;
  if (objective.burnRates.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Burn-rate alerts are switched off for this objective.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Burn-rate tiers">
      <TableHead>
        <TableRow>
          <TableCell>Tier</TableCell>
          <TableCell>Severity</TableCell>
          <TableCell>Windows (long / short)</TableCell>
          <TableCell align="right">Long burn rate</TableCell>
          <TableCell align="right">Short burn rate</TableCell>
          <TableCell align="right">Threshold</TableCell>
          <TableCell>State</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {objective.burnRates.map(tier => (
          <TableRow
            key={tier.tier}
            data-testid="slo-tier-row"
            data-tier={tier.tier}
            data-state={tier.state}
          >
            <TableCell>
              {tier.tier}
              {tier.warning && (
                <Typography
                  variant="caption"
                  component="div"
                  color="error"
                  data-testid="slo-tier-warning"
                >
                  {tier.warning}
                </Typography>
              )}{' '}
              <ExplainToggle
                label={`tier ${tier.tier}`}
                explanation={objective.explanations[`burnRate:${tier.tier}`]}
                testId={`tier-${tier.tier}`}
              />
            </TableCell>
            <TableCell>{tier.severity}</TableCell>
            <TableCell>{tierWindows(tier)}</TableCell>
            <TableCell align="right">
              {formatBurnRate(tier.longBurnRate)}
            </TableCell>
            <TableCell align="right">
              {formatBurnRate(tier.shortBurnRate)}
            </TableCell>
            <TableCell align="right">
              {formatBurnRate(tier.threshold)}
            </TableCell>
            <TableCell>
              <Chip
                size="small"
                label={tier.state}
                style={{
                  backgroundColor: tierStateColor[tier.state],
                  color: '#fff',
                }}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function periodLabel(period: CompliancePeriod): string {
  return period.inProgress ? `${period.period} (so far)` : period.period;
}

/** Met or missed per calendar period. */
export function ComplianceHistory(props: {
  periods: CompliancePeriod[];
  target: number;
}) {
  if (props.periods.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No complete period yet.
      </Typography>
    );
  }
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
      {props.periods.map(period => {
        let verdict = 'no data';
        let color = stateColors.unknown;
        if (period.met === true) {
          verdict = 'met';
          color = stateColors.ok;
        } else if (period.met === false) {
          verdict = 'missed';
          color = stateColors.critical;
        }
        return (
          <Tooltip
            key={period.period}
            title={`${formatPercent(
              period.value,
            )} against ${formatTargetPercent(props.target)}`}
          >
            <Chip
              data-testid="slo-compliance-period"
              data-period={period.period}
              data-met={String(period.met)}
              variant={period.inProgress ? 'outlined' : 'default'}
              label={`${periodLabel(period)}: ${verdict} · ${formatPercent(
                period.value,
              )}`}
              style={
                period.inProgress
                  ? { borderColor: color }
                  : { backgroundColor: color, color: '#fff' }
              }
            />
          </Tooltip>
        );
      })}
    </Box>
  );
}

/** Offers a document the backend renders (OpenSLO export, rules) as a download. */
export function DownloadButton(props: {
  entityRef: string;
  document: 'openslo' | 'rules';
  label: string;
  fileName: string;
}) {
  const api = useApi(sloApiRef);
  const [error, setError] = useState<string>();
  const download = async () => {
    try {
      setError(undefined);
      const doc = await api.getDocument({
        entityRef: props.entityRef,
        document: props.document,
      });
      const url = URL.createObjectURL(
        new Blob([doc.text], { type: doc.contentType }),
      );
      const anchor = window.document.createElement('a');
      anchor.href = url;
      anchor.download = props.fileName;
      anchor.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        onClick={download}
        data-testid={`slo-download-${props.document}`}
      >
        {props.label}
      </Button>
      {error && (
        <Typography variant="caption" color="error" role="alert">
          {error}
        </Typography>
      )}
    </>
  );
}

/** The objective as declared, in words and queries. */
export function DefinitionView(props: { objective: ObjectiveReport }) {
  const { definition, source } = props.objective;
  const budgeting =
    definition.budgeting.method === 'occurrences'
      ? 'occurrences (bad events against all events)'
      : `timeslices of ${describeDuration(
          definition.budgeting.sliceWindow,
        )}, good when at least ${formatTargetPercent(
          definition.budgeting.sliceTarget,
        )}`;
  const rows: Array<[string, React.ReactNode]> = [
    ['SLO', definition.sloName],
    ...(definition.description
      ? [['Description', definition.description] as [string, string]]
      : []),
    ['Target', formatTargetPercent(definition.target)],
    ['Window', describeWindow(definition.window)],
    ['Budgeting', budgeting],
    ['Indicator', describeIndicator(definition.indicator)],
    [
      'Burn-rate tiers',
      definition.burnRateTiers
        ? definition.burnRateTiers.join(', ') || 'none (alerts off)'
        : 'all four (default)',
    ],
    [
      'Metric source',
      source.url ? (
        <a href={source.url} target="_blank" rel="noreferrer">
          {source.id}
        </a>
      ) : (
        source.id
      ),
    ],
  ];
  return (
    <Box data-testid="slo-definition">
      <Table size="small" aria-label="Definition">
        <TableBody>
          {rows.map(([label, value]) => (
            <TableRow key={label}>
              <TableCell component="th" style={{ width: 160 }}>
                {label}
              </TableCell>
              <TableCell>{value}</TableCell>
            </TableRow>
          ))}
          {indicatorQueries(definition.indicator).map(q => (
            <TableRow key={q.label}>
              <TableCell component="th">Query ({q.label})</TableCell>
              <TableCell>
                <code style={{ wordBreak: 'break-all' }}>{q.query}</code>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
