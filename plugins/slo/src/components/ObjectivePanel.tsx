import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ObjectiveReport } from '@internal/backstage-plugin-slo-common';
import { ChartDeployment } from '../model/chart';
import { describeWindow } from '../model/format';
import {
  objectiveFigures,
  otherExplanations,
  stepTarget,
} from '../model/figures';
import { objectiveName } from '../model/status';
import { BudgetBar } from './BudgetBar';
import { BurndownChart, IndicatorChart } from './charts';
import { DataQualityChip, FrozenChip, StateChip } from './chips';
import { ExplainToggle, Figure } from './Explain';
import { BurnRateTable, ComplianceHistory, DefinitionView } from './sections';
import {
  formatExact,
  RelativeTime,
} from '@internal/backstage-plugin-delivery-react';

const useStyles = makeStyles(theme => ({
  panel: { padding: theme.spacing(2), marginBottom: theme.spacing(3) },
  header: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  figures: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    margin: theme.spacing(2, 0),
    alignItems: 'flex-start',
  },
  section: { marginTop: theme.spacing(3) },
}));

function Section(props: { title: string; children: React.ReactNode }) {
  const classes = useStyles();
  return (
    <Box className={classes.section}>
      <Typography variant="subtitle1" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/** Everything about one objective: figures, charts, tiers, compliance, definition. */
export function ObjectivePanel(props: {
  objective: ObjectiveReport;
  deployments: ChartDeployment[];
  deploymentsNote?: string;
  /** No metric source: the definition only. */
  definitionOnly?: boolean;
}) {
  const classes = useStyles();
  const { objective } = props;
  const name = objectiveName(objective);
  return (
    <Paper
      className={classes.panel}
      data-testid="slo-objective"
      data-objective-id={objective.id}
    >
      <Box className={classes.header}>
        <Typography variant="h6" component="h2">
          {name}
        </Typography>
        {!props.definitionOnly && (
          <>
            <StateChip state={objective.state} />
            <DataQualityChip quality={objective.dataQuality} />
            {objective.frozen && <FrozenChip />}
          </>
        )}
      </Box>
      <Typography variant="body2" color="textSecondary">
        {describeWindow(objective.definition.window)}:{' '}
        {formatExact(objective.window.from)} →{' '}
        {formatExact(objective.window.to)}
        {!props.definitionOnly && (
          <>
            {' '}
            · evaluated <RelativeTime iso={objective.evaluatedAt} />
          </>
        )}
        {objective.exhaustedSince && (
          <>
            {' '}
            · budget exhausted since{' '}
            <RelativeTime iso={objective.exhaustedSince} />
          </>
        )}
      </Typography>
      {props.definitionOnly ? null : (
        <>
          <Box className={classes.figures}>
            {objectiveFigures(objective).map(f => (
              <Figure
                key={f.key}
                figureKey={f.key}
                label={f.label}
                value={f.value}
                raw={f.raw}
                caption={f.caption}
                explanation={f.explanation}
              />
            ))}
          </Box>
          <Box maxWidth={480}>
            <BudgetBar remaining={objective.budget.remaining} />
          </Box>
          {otherExplanations(objective).map(({ key, label, explanation }) => (
            <Box key={key} mt={1}>
              <Typography variant="caption">{label} </Typography>
              <ExplainToggle
                label={label}
                explanation={explanation}
                testId={key}
              />
            </Box>
          ))}
          <Section title="Error budget burndown">
            {objective.burndown.length > 0 ? (
              <BurndownChart
                points={objective.burndown}
                window={objective.window}
                deployments={props.deployments}
              />
            ) : (
              <Typography variant="body2" color="textSecondary">
                No data in the window yet.
              </Typography>
            )}
            {props.deploymentsNote && (
              <Typography variant="caption" color="textSecondary">
                {props.deploymentsNote}
              </Typography>
            )}
          </Section>
          <Section
            title={
              objective.definition.budgeting.method === 'timeslices'
                ? 'Indicator per slice, against the slice target'
                : 'Indicator over time'
            }
          >
            {objective.indicatorSeries.length > 0 ? (
              <IndicatorChart
                series={objective.indicatorSeries}
                target={stepTarget(objective)}
                window={objective.window}
                deployments={props.deployments}
              />
            ) : (
              <Typography variant="body2" color="textSecondary">
                No data in the window yet.
              </Typography>
            )}
          </Section>
          <Section title="Burn-rate alerts">
            <BurnRateTable objective={objective} />
          </Section>
          <Section title="Compliance history">
            <ComplianceHistory
              periods={objective.compliance}
              target={objective.definition.target}
            />
          </Section>
        </>
      )}
      <Section title="Definition">
        <DefinitionView objective={objective} />
      </Section>
    </Paper>
  );
}
