import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import GetApp from '@material-ui/icons/GetApp';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { doraScorecardsApiRef } from '../api';
import type {
  FilterOption,
  Scorecards,
} from '@internal/backstage-plugin-delivery-common';
import { downloadCsv, teamsToCsv } from './csv';
import { FreshnessNotice } from '@internal/backstage-plugin-delivery-react';
import { PeriodSelector } from './PeriodSelector';
import { ScorecardTable } from './ScorecardTable';
import { lastDays, Period } from './window';

function FilterSelect(props: {
  label: string;
  value: string;
  options: FilterOption[];
  onChange: (value: string) => void;
}) {
  const id = `scorecards-filter-${props.label
    .toLowerCase()
    .replace(/\W+/g, '-')}`;
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth: 200 }}>
      <InputLabel id={id}>{props.label}</InputLabel>
      <Select
        labelId={id}
        label={props.label}
        value={props.value}
        onChange={e => props.onChange(String(e.target.value))}
      >
        <MenuItem value="">All</MenuItem>
        {props.options.map(o => (
          <MenuItem key={o.entityRef} value={o.entityRef}>
            {o.title}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/** The organisation page: every team in one sortable table. */
export function OrgScorecardsPage() {
  const api = useApi(doraScorecardsApiRef);
  const [period, setPeriod] = useState<Period>(90);
  const [parent, setParent] = useState('');
  const [system, setSystem] = useState('');
  const window = useMemo(() => lastDays(period), [period]);
  const [filters, setFilters] = useState<Scorecards['filters']>();
  const { value, loading, error } = useAsync(async () => {
    const [scorecards, sources] = await Promise.all([
      api.getScorecards({
        ...window,
        parent: parent || undefined,
        system: system || undefined,
      }),
      api.getSourceStatus().catch(() => undefined),
    ]);
    setFilters(scorecards.filters);
    return { scorecards, sources };
  }, [api, window, parent, system]);

  const exportCsv = () => {
    if (!value) return;
    const day = (iso: string) => DateTime.fromISO(iso).toISODate();
    downloadCsv(
      `dora-scorecards-${day(value.scorecards.from)}-${day(
        value.scorecards.to,
      )}.csv`,
      teamsToCsv(value.scorecards.teams),
    );
  };

  return (
    <Page themeId="tool">
      <Header
        title="Delivery scorecards"
        subtitle="DORA figures of every team, child teams rolled up"
      />
      <Content>
        <ContentHeader title="Teams">
          <Button
            variant="outlined"
            startIcon={<GetApp />}
            onClick={exportCsv}
            disabled={!value}
          >
            Export CSV
          </Button>
        </ContentHeader>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 16 }}
          mb={2}
        >
          <PeriodSelector value={period} onChange={setPeriod} />
          <FilterSelect
            label="Parent group"
            value={parent}
            options={filters?.parents ?? []}
            onChange={setParent}
          />
          <FilterSelect
            label="System"
            value={system}
            options={filters?.systems ?? []}
            onChange={setSystem}
          />
          {value && (
            <Typography variant="caption" color="textSecondary">
              {DateTime.fromISO(value.scorecards.from).toLocaleString()} –{' '}
              {DateTime.fromISO(value.scorecards.to).toLocaleString()}, band
              preset “{value.scorecards.bands.name}” (thresholds on hover)
            </Typography>
          )}
        </Box>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <>
            <FreshnessNotice
              sources={value.sources}
              subject="Figures"
              testIdPrefix="scorecard"
              listSources
            />
            {value.scorecards.teams.length === 0 ? (
              <Typography color="textSecondary">
                No team matches these filters.
              </Typography>
            ) : (
              <ScorecardTable
                rows={value.scorecards.teams}
                bands={value.scorecards.bands}
                nameHeader="Team"
                testId="scorecard-teams"
              />
            )}
          </>
        )}
      </Content>
    </Page>
  );
}
