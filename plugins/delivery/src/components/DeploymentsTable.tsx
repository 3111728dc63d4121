import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Fragment, useState } from 'react';
import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import BuildIcon from '@material-ui/icons/Build';
import CloudUploadIcon from '@material-ui/icons/CloudUpload';
import GitHubIcon from '@material-ui/icons/GitHub';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@material-ui/icons/KeyboardArrowRight';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import PlayCircleOutlineIcon from '@material-ui/icons/PlayCircleOutline';
import SettingsEthernetIcon from '@material-ui/icons/SettingsEthernet';
import WarningIcon from '@material-ui/icons/Warning';
import {
  DeploymentFlags,
  FreezeMark,
  RelativeTime,
} from '@internal/backstage-plugin-delivery-react';
import { ListedDeployment } from '@internal/backstage-plugin-delivery-common';
import {
  deploymentKey,
  durationMs,
  formatDuration,
  outcomeColors,
  outcomeLabels,
  outcomeOf,
  rowLeadTime,
  triggerOf,
} from '../chart/model';
import { describeFreezeMark } from '../gate/freezeMarks';
import {
  verdictCell,
  verdictColumnHelp,
  VerdictState,
} from '../health/verdict';
import { VerdictChip } from '../health/VerdictChip';
import { RolloutMark } from '../progressive/RolloutMark';
import { RolloutRamp } from '../progressive/RolloutRamp';
import { ShippedChanges } from './ShippedChanges';

const sourceIcons: Record<string, typeof BuildIcon> = {
  github: GitHubIcon,
  jenkins: BuildIcon,
  gitlab: BuildIcon,
  argocd: CloudUploadIcon,
  demo: PlayCircleOutlineIcon,
};

const useStyles = makeStyles({
  // Eleven columns or more: tighter padding than Material UI's keeps them within 1440 px.
  table: {
    '& th, & td': { paddingLeft: 8, paddingRight: 8 },
    '& th': { whiteSpace: 'nowrap' },
  },
  // Short values stay on one line; versions and commit lists may wrap.
  row: {
    '& td': { whiteSpace: 'nowrap' },
    // Never squeezed to a character per line by the one-line cells...
    '& td[data-testid="delivery-version"]': {
      whiteSpace: 'normal',
      minWidth: 130,
      overflowWrap: 'anywhere',
    },
    // (a component's title breaks between words)
    '& td[data-testid="delivery-component"]': {
      whiteSpace: 'normal',
      minWidth: 100,
      '& *': { wordBreak: 'normal', overflowWrap: 'normal' },
    },
    // ...such as a long "triggered by" (up to 300 characters), which wraps too.
    '& td[data-testid="delivery-triggered-by"]': {
      whiteSpace: 'normal',
      minWidth: 100,
      maxWidth: 240,
      overflowWrap: 'anywhere',
    },
  },
});

export function SourceName(props: { source: string }) {
  const Icon = sourceIcons[props.source.toLowerCase()] ?? SettingsEthernetIcon;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 6 }}>
      <Icon fontSize="small" aria-hidden />
      <span>{props.source}</span>
    </Box>
  );
}

export function OutcomeChip(props: {
  deployment: Parameters<typeof outcomeOf>[0];
  rolledBack: Set<string>;
}) {
  const outcome = outcomeOf(props.deployment, props.rolledBack);
  return (
    <Chip
      size="small"
      label={outcomeLabels[outcome]}
      data-outcome={outcome}
      style={{ backgroundColor: outcomeColors[outcome], color: '#fff' }}
    />
  );
}

export interface DeploymentsTableProps {
  /** Rows already filtered, newest first. */
  deployments: ListedDeployment[];
  rolledBack: Set<string>;
  flags?: Record<string, DeploymentFlags>;
  /** Link to a commit, when the repository is known. */
  commitUrl?: (sha: string) => string | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** All rows loaded so far (before the client-side filters). */
  loadedCount: number;
  /** Rows of several components (a system's or a team's): name each one. */
  showComponent?: boolean;
  /** The window's health verdicts; without them the Verdict column is left out. */
  verdicts?: VerdictState;
}

/** Short labels of the freeze marks; the tooltip says who and why. */
const freezeMarkLabels: Record<FreezeMark['kind'], string> = {
  overridden: 'freeze overridden',
  denied: 'gate denied',
  'not-gated': 'not gated',
};

/** The deployments of the window, newest first, a page at a time from the backend. */
export function DeploymentsTable(props: DeploymentsTableProps) {
  const { deployments, rolledBack, flags, commitUrl, showComponent, verdicts } =
    props;
  const columns = 10 + (showComponent ? 1 : 0) + (verdicts ? 1 : 0);
  const classes = useStyles();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (key: string) =>
    setOpen(previous => {
      const next = new Set(previous);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  return (
    <>
      {/* A narrow window scrolls the table inside its card, never the whole page. */}
      <TableContainer>
        <Table size="small" aria-label="Deployments" className={classes.table}>
          <TableHead>
            <TableRow>
              {showComponent && <TableCell>Component</TableCell>}
              <TableCell>Version</TableCell>
              <TableCell>Environment</TableCell>
              <TableCell>Source</TableCell>
              <TableCell>Triggered by</TableCell>
              <TableCell>Started</TableCell>
              <TableCell>Duration</TableCell>
              <TableCell>Commits</TableCell>
              <TableCell>
                <Tooltip title="DORA lead time: median from commit to this deployment's finish, over the commits it was the first successful production deployment of">
                  <span>Lead time</span>
                </Tooltip>
              </TableCell>
              <TableCell>Outcome</TableCell>
              {verdicts && (
                <TableCell>
                  <Tooltip title={verdictColumnHelp(verdicts.response)}>
                    <span>Verdict</span>
                  </Tooltip>
                </TableCell>
              )}
              <TableCell aria-label="Link" />
            </TableRow>
          </TableHead>
          <TableBody>
            {deployments.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns}>
                  <Typography variant="body2" color="textSecondary">
                    No deployments match the filters.
                  </Typography>
                </TableCell>
              </TableRow>
            )}
            {deployments.map(d => {
              const key = deploymentKey(d);
              const expanded = open.has(key);
              const flagged = flags?.[key]?.errorBudgetExhausted;
              const freeze = flags?.[key]?.freeze;
              const trigger = triggerOf(d);
              const leadTime = rowLeadTime(d);
              return (
                <Fragment key={key}>
                  <TableRow
                    data-testid="delivery-deployment-row"
                    hover
                    className={classes.row}
                  >
                    {showComponent && (
                      <TableCell data-testid="delivery-component">
                        <EntityRefLink
                          entityRef={d.entityRef}
                          defaultKind="component"
                        />
                      </TableCell>
                    )}
                    <TableCell data-testid="delivery-version">
                      <code>{d.version ?? d.id}</code>
                    </TableCell>
                    <TableCell>{d.environment}</TableCell>
                    <TableCell>
                      <SourceName source={d.source} />
                      {d.alsoReportedBy?.length ? (
                        <Typography
                          variant="caption"
                          display="block"
                          data-testid="delivery-also-reported"
                        >
                          also reported by{' '}
                          {d.alsoReportedBy.map((other, i) => (
                            <span key={`${other.source}/${other.id}`}>
                              {i > 0 && ', '}
                              {other.url ? (
                                <Link to={other.url}>{other.source}</Link>
                              ) : (
                                other.source
                              )}
                            </span>
                          ))}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell data-testid="delivery-triggered-by">
                      {trigger?.fallback ? (
                        <Tooltip title="The source did not say who or what started this run; this is the author of its first commit">
                          <span>
                            {trigger.text}{' '}
                            <Typography
                              variant="caption"
                              color="textSecondary"
                              component="span"
                            >
                              (commit author)
                            </Typography>
                          </span>
                        </Tooltip>
                      ) : (
                        trigger?.text ?? '–'
                      )}
                    </TableCell>
                    <TableCell>
                      <RelativeTime iso={d.startedAt} />
                    </TableCell>
                    <TableCell>
                      {d.finishedAt ? formatDuration(durationMs(d)) : 'running'}
                    </TableCell>
                    <TableCell>
                      {d.commits.length > 0 ? (
                        <Button
                          size="small"
                          style={{ minWidth: 0 }}
                          onClick={() => toggle(key)}
                          aria-expanded={expanded}
                          aria-label={`${d.commits.length} commits`}
                          startIcon={
                            expanded ? (
                              <KeyboardArrowDownIcon />
                            ) : (
                              <KeyboardArrowRightIcon />
                            )
                          }
                        >
                          {d.commits.length}
                        </Button>
                      ) : (
                        '0'
                      )}
                    </TableCell>
                    <TableCell data-testid="delivery-lead-time">
                      <Tooltip title={leadTime.title}>
                        <span>{leadTime.text}</span>
                      </Tooltip>
                    </TableCell>
                    <TableCell>
                      {/* Stacked, so a rollout mark or a freeze mark does not widen the table. */}
                      <Box
                        display="flex"
                        flexDirection="column"
                        alignItems="flex-start"
                        style={{ gap: 4 }}
                      >
                        <OutcomeChip deployment={d} rolledBack={rolledBack} />
                        <RolloutMark
                          phases={d.phases}
                          expanded={expanded}
                          onToggle={() => toggle(key)}
                        />
                        {flagged && (
                          <Tooltip title="Deployed while the error budget was exhausted">
                            <WarningIcon
                              fontSize="small"
                              color="error"
                              aria-label="error budget exhausted"
                            />
                          </Tooltip>
                        )}
                        {freeze && (
                          <Tooltip title={describeFreezeMark(freeze)}>
                            <Typography
                              variant="caption"
                              color="error"
                              data-testid="delivery-freeze-mark"
                              data-freeze={freeze.kind}
                              aria-label={describeFreezeMark(freeze)}
                            >
                              {freezeMarkLabels[freeze.kind]}
                            </Typography>
                          </Tooltip>
                        )}
                      </Box>
                    </TableCell>
                    {verdicts && (
                      <TableCell>
                        <VerdictChip cell={verdictCell(d, verdicts)} />
                      </TableCell>
                    )}
                    <TableCell>
                      {d.url && (
                        <IconButton
                          size="small"
                          href={d.url}
                          target="_blank"
                          rel="noopener noreferrer"
                          aria-label={`Open run in ${d.source}`}
                        >
                          <OpenInNewIcon fontSize="small" />
                        </IconButton>
                      )}
                    </TableCell>
                  </TableRow>
                  {expanded && (
                    <TableRow>
                      <TableCell colSpan={columns}>
                        {d.phases?.length ? (
                          <RolloutRamp deployment={d} />
                        ) : null}
                        <Box component="ul" m={0} pl={2}>
                          {d.commits.map(commit => {
                            const url = commitUrl?.(commit.sha);
                            const sha = <code>{commit.sha.slice(0, 10)}</code>;
                            return (
                              <li key={commit.sha}>
                                {url ? <Link to={url}>{sha}</Link> : sha}{' '}
                                {commit.message?.split('\n')[0] ?? ''}
                                <Typography
                                  variant="caption"
                                  color="textSecondary"
                                  component="span"
                                >
                                  {' '}
                                  {commit.author ? `${commit.author}, ` : ''}
                                  <RelativeTime iso={commit.committedAt} />
                                </Typography>
                              </li>
                            );
                          })}
                        </Box>
                        <ShippedChanges deployment={d} />
                      </TableCell>
                    </TableRow>
                  )}
                </Fragment>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <Box display="flex" alignItems="center" mt={1} style={{ gap: 12 }}>
        <Typography variant="caption" color="textSecondary">
          {`${deployments.length} shown of ${props.loadedCount} loaded`}
        </Typography>
        {props.hasMore && (
          <Button
            size="small"
            variant="outlined"
            onClick={props.onLoadMore}
            disabled={props.loadingMore}
          >
            {props.loadingMore ? 'Loading…' : 'Load more'}
          </Button>
        )}
      </Box>
    </>
  );
}
