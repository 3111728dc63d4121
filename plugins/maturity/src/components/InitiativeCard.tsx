import { InfoCard, Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import type {
  InitiativeStatus,
  MaturityLevelInfo,
} from '@internal/backstage-plugin-maturity-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import {
  deadlineText,
  formatRatio,
  isoDay,
  levelName,
  progressRatios,
} from '../model/format';
import { useMaturityTabLink } from './links';
import { ShareBar } from './ShareBar';
import { WeeklyChart } from './WeeklyChart';

const NO_SCOPE = 'no components in scope';

function targetText(
  initiative: InitiativeStatus,
  levels: MaturityLevelInfo[],
): string {
  const { target } = initiative;
  if ('level' in target) {
    const name = levelName(levels, target.level);
    return `Every component at level ${target.level}${
      name ? ` (${name})` : ''
    } or above`;
  }
  return `Every component passes: ${target.checks.join(', ')}`;
}

function scopeText(initiative: InitiativeStatus): string {
  const { teams, systems, tags } = initiative.scope;
  const parts = [
    teams?.length ? `teams ${teams.join(', ')}` : '',
    systems?.length ? `systems ${systems.join(', ')}` : '',
    tags?.length ? `tagged ${tags.join(', ')}` : '',
  ].filter(Boolean);
  return parts.join('; ');
}

/**
 * An initiative: target, scope, deadline and owners; progress now (done of the
 * components in scope, never a percentage without components) and by week; the
 * components not there yet, each linked to its Maturity tab.
 */
export function InitiativeCard(props: {
  initiative: InitiativeStatus;
  levels: MaturityLevelInfo[];
  now: string;
}) {
  const { initiative, levels, now } = props;
  const { progress } = initiative;
  const tabLink = useMaturityTabLink();
  const ratios = progressRatios(initiative.history);
  return (
    <InfoCard title={initiative.title} subheader={initiative.description}>
      <Box
        data-testid="maturity-initiative"
        data-initiative-id={initiative.id}
        data-done={progress.done}
        data-components={progress.components}
        data-ratio={progress.ratio === null ? '' : String(progress.ratio)}
      >
        <Typography variant="body2">
          {targetText(initiative, levels)} · scope: {scopeText(initiative)}
        </Typography>
        <Typography variant="body2" data-testid="maturity-initiative-deadline">
          Deadline {isoDay(initiative.deadline)} (
          {progress.complete
            ? 'complete'
            : deadlineText(initiative.deadline, now)}
          ) · started {isoDay(initiative.startsAt)}
        </Typography>
        {initiative.owners.length > 0 && (
          <Typography variant="body2">
            Owners:{' '}
            {initiative.owners.map((owner, i) => (
              <span key={owner}>
                {i > 0 && ', '}
                <EntityRefLink entityRef={owner} defaultKind="group" />
              </span>
            ))}
          </Typography>
        )}
        <Box display="flex" alignItems="center" my={1} style={{ gap: 12 }}>
          <Box flex={1}>
            <ShareBar
              share={progress.ratio}
              label={`${initiative.title}: ${formatRatio(
                progress.ratio,
                NO_SCOPE,
              )}`}
            />
          </Box>
          <Typography
            variant="body2"
            data-testid="maturity-initiative-progress"
          >
            {progress.components === 0
              ? NO_SCOPE
              : `${progress.done} / ${
                  progress.components
                } components (${formatRatio(progress.ratio, NO_SCOPE)})`}
          </Typography>
          {progress.complete && (
            <Chip size="small" label="Complete" style={{ color: '#009E73' }} />
          )}
        </Box>
        {ratios.some(r => r.ratio !== null) && (
          <WeeklyChart
            weeks={ratios.map(r => r.week)}
            values={ratios.map(r => r.ratio)}
            max={1}
            ticks={[
              { value: 0, label: '0%' },
              { value: 1, label: '100%' },
            ]}
            describe={ratio => formatRatio(ratio, NO_SCOPE)}
            label={`${initiative.title}, done by week: ${ratios
              .map(r => formatRatio(r.ratio, NO_SCOPE))
              .join(', ')}`}
            testId="maturity-initiative-history"
            height={60}
          />
        )}
        {progress.remaining.length > 0 && (
          <Box mt={1}>
            <Typography variant="body2" color="textSecondary">
              Not there yet ({progress.remaining.length}):
            </Typography>
            <Box
              component="ul"
              m={0}
              pl={2}
              data-testid="maturity-initiative-remaining"
            >
              {progress.remaining.map(ref => (
                <li key={ref} data-entity-ref={ref}>
                  <Link to={tabLink(ref)}>{parseEntityRef(ref).name}</Link>
                </li>
              ))}
            </Box>
          </Box>
        )}
        {initiative.teams.length > 0 && (
          <Typography variant="caption" color="textSecondary">
            Owning teams told of its milestones:{' '}
            {initiative.teams.map((ref, i) => (
              <span key={ref}>
                {i > 0 && ', '}
                <EntityRefLink entityRef={ref} defaultKind="group" />
              </span>
            ))}
          </Typography>
        )}
      </Box>
    </InfoCard>
  );
}
