import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { FigureExplanation } from '@internal/backstage-plugin-slo-common';
import { formatCount } from '../model/format';
import { formatExact } from '@internal/backstage-plugin-delivery-react';

const useStyles = makeStyles(theme => ({
  figure: {
    padding: theme.spacing(1, 1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: 4,
    minWidth: 150,
  },
  value: { fontSize: 20, fontWeight: 500 },
  explanation: {
    marginTop: theme.spacing(1),
    padding: theme.spacing(1),
    backgroundColor: theme.palette.action.hover,
    borderRadius: 4,
    fontSize: 13,
    maxWidth: 640,
  },
  code: {
    display: 'block',
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    fontSize: 12,
    marginTop: 2,
  },
}));

/** What a figure is made of: formula, window bounds, event counts, source queries. */
export function ExplanationView(props: { explanation: FigureExplanation }) {
  const classes = useStyles();
  const { explanation } = props;
  return (
    <Box className={classes.explanation} data-testid="slo-explanation">
      <Typography variant="body2" component="div">
        <code className={classes.code} data-testid="slo-explanation-formula">
          {explanation.formula}
        </code>
      </Typography>
      {explanation.model && (
        <Typography variant="body2" data-testid="slo-explanation-model">
          Model: {explanation.model}
        </Typography>
      )}
      <Typography variant="body2" data-testid="slo-explanation-window">
        Window: {formatExact(explanation.from)} → {formatExact(explanation.to)}
      </Typography>
      {explanation.counts && (
        <Typography variant="body2" data-testid="slo-explanation-counts">
          Events:{' '}
          {explanation.counts.good !== undefined &&
            `${formatCount(explanation.counts.good)} good, `}
          {formatCount(explanation.counts.bad)} bad of{' '}
          {formatCount(explanation.counts.total)} total
        </Typography>
      )}
      {explanation.queries.length > 0 && (
        <Box data-testid="slo-explanation-queries">
          <Typography variant="body2">
            {explanation.queries.length === 1 ? 'Query' : 'Queries'}:
          </Typography>
          {explanation.queries.map(query => (
            <code key={query} className={classes.code}>
              {query}
            </code>
          ))}
        </Box>
      )}
    </Box>
  );
}

/** A button that expands an explanation below itself. */
export function ExplainToggle(props: {
  label: string;
  explanation?: FigureExplanation;
  testId: string;
}) {
  const [open, setOpen] = useState(false);
  if (!props.explanation) return null;
  return (
    <>
      <Button
        size="small"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-label={`Explain ${props.label}`}
        data-testid={`slo-explain-${props.testId}`}
        style={{ padding: 0, minWidth: 0, textTransform: 'none' }}
        color="primary"
      >
        {open ? 'hide' : 'explain'}
      </Button>
      <Collapse in={open} unmountOnExit>
        <ExplanationView explanation={props.explanation} />
      </Collapse>
    </>
  );
}

/** A labelled figure with its "explain" expander. */
export function Figure(props: {
  figureKey: string;
  label: string;
  value: string;
  /** Raw value for tests and the e2e check. */
  raw: number | null;
  caption?: string;
  explanation?: FigureExplanation;
}) {
  const classes = useStyles();
  return (
    <Box
      className={classes.figure}
      data-testid={`slo-figure-${props.figureKey}`}
      data-value={props.raw === null ? '' : String(props.raw)}
    >
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <Typography className={classes.value}>{props.value}</Typography>
      {props.caption && (
        <Typography variant="caption" color="textSecondary" component="div">
          {props.caption}
        </Typography>
      )}
      <ExplainToggle
        label={props.label}
        explanation={props.explanation}
        testId={props.figureKey}
      />
    </Box>
  );
}
