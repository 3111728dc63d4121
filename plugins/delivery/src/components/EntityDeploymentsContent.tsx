import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { humanizeEntityRef, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import {
  feedingSourceStatuses,
  sourcesNotFeeding,
  DeploymentOutcome,
  IncidentEvent,
  TimelineDeployment,
} from '@internal/backstage-plugin-delivery-common';
import {
  deliveryApiRef,
  deploymentFlagsApiRef,
  DeploymentFlags,
  FreshnessNotice,
  formatExact,
  useMeasuredWidth,
} from '@internal/backstage-plugin-delivery-react';
import {
  buildChartModel,
  bucketsFor,
  compareEnvironments,
  defaultProductionEnvironments,
  deploymentKey,
  outcomeColors,
  outcomeLabels,
  outcomeOrder,
  rolledBackKeys,
  TableFilters,
} from '../chart/model';
import { LABEL_WIDTH, TimelineChart } from '../chart/TimelineChart';
import { DeploymentsTable } from './DeploymentsTable';
import { EmptyDeployments } from './EmptyDeployments';
import { useDeploymentPages } from './useDeploymentPages';
import { useFreezeMarks } from '../gate/useFreezeMarks';
import { MarkableDeployment } from '../gate/freezeMarks';
import { select } from './FilterSelect';
import { useDeploymentHealth } from '../health/useDeploymentHealth';
import { verdictColors, verdictLabels, verdictOrder } from '../health/verdict';
import { RolloutRamp } from '../progressive/RolloutRamp';
import { IncidentDetail } from '../flags/IncidentDetail';

/** What the chart opened below it: a rollout's ramp or an incident's flag changes. */
type Selection =
  | { kind: 'deployment'; deployment: TimelineDeployment }
  | { kind: 'incident'; incident: IncidentEvent };

const HOUR = 3_600_000;
export const zoomPresets = [
  { id: '24h', label: '24 h', ms: 24 * HOUR },
  { id: '7d', label: '7 d', ms: 7 * 24 * HOUR },
  { id: '30d', label: '30 d', ms: 30 * 24 * HOUR },
  { id: '90d', label: '90 d', ms: 90 * 24 * HOUR },
] as const;
export type ZoomPreset = (typeof zoomPresets)[number]['id'];

const iso = (ms: number) => new Date(ms).toISOString();

/** Commit links for components on GitHub (`github.com/project-slug`). */
function commitUrlFor(annotations: Record<string, string> | undefined) {
  const slug = annotations?.['github.com/project-slug'];
  return slug
    ? (sha: string) => `https://github.com/${slug}/commit/${sha}`
    : undefined;
}

export interface EntityDeploymentsContentProps {
  /** Initial zoom preset (default 30 d). */
  defaultPreset?: ZoomPreset;
}

/**
 * The "Deployments" tab: the timeline chart over the chosen window, freshness of the
 * sources, and the table of the window's deployments.
 *
 * @public
 */
export function EntityDeploymentsContent(props: EntityDeploymentsContentProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(deliveryApiRef);
  const flagsApi = useApiHolder().get(deploymentFlagsApiRef);

  // `?window=90d` opens the tab at a preset, so a link can share the view.
  const [searchParams, setSearchParams] = useSearchParams();
  const initialPreset =
    zoomPresets.find(p => p.id === searchParams.get('window'))?.id ??
    props.defaultPreset ??
    '30d';
  const [preset, setPreset] = useState<ZoomPreset | 'custom'>(initialPreset);
  const [range, setRange] = useState(() => {
    const now = Date.now();
    const ms = zoomPresets.find(p => p.id === initialPreset)!.ms;
    return { from: now - ms, to: now };
  });
  const [filters, setFilters] = useState<TableFilters>({});
  const { ref, width } = useMeasuredWidth(1000);
  const plotWidth = Math.max(200, width - LABEL_WIDTH - 8);
  const buckets = bucketsFor(plotWidth);
  const from = iso(range.from);
  const to = iso(range.to);

  const choosePreset = (id: ZoomPreset) => {
    const now = Date.now();
    setPreset(id);
    setSearchParams(
      params => {
        params.set('window', id);
        return params;
      },
      { replace: true },
    );
    setRange({ from: now - zoomPresets.find(p => p.id === id)!.ms, to: now });
  };

  const timeline = useAsync(
    () => api.getTimeline({ entityRef, from, to, buckets }),
    [api, entityRef, from, to, buckets],
  );
  const sources = useAsync(
    () => api.getSourceStatus().catch(() => undefined),
    [api],
  );
  // Only asked when the window is empty: has this entity ever been deployed?
  const everDeployed = useAsync(async () => {
    if (!timeline.value || timeline.value.environments.length > 0) {
      return true;
    }
    const page = await api.listDeployments({ entityRef, limit: 1 });
    return page.items.length > 0;
  }, [api, entityRef, timeline.value]);

  // Typing in the search box asks the backend once the typing pauses.
  const [search, setSearch] = useState<string | undefined>();
  useDebounce(() => setSearch(filters.search?.trim() || undefined), 300, [
    filters.search,
  ]);
  // A system's or team's table names each row's component and filters by one.
  const multiComponent = entity.kind.toLocaleLowerCase('en-US') !== 'component';
  const pages = useDeploymentPages({
    entityRef: filters.component ?? entityRef,
    from,
    to,
    environment: filters.environment,
    source: filters.source,
    outcome: filters.outcome,
    search,
  });
  const rolledBack = useMemo(() => rolledBackKeys(pages.items), [pages.items]);
  const rows = pages.items;

  const flags = useAsync(async (): Promise<
    Record<string, DeploymentFlags> | undefined
  > => {
    if (!flagsApi || pages.items.length === 0) return undefined;
    return flagsApi.getFlags({ entityRef, deployments: pages.items });
  }, [flagsApi, entityRef, pages.items]);

  // Production deployments made during a freeze that the deploy gate did not let
  // through, for the chart's markers and the table's rows.
  const productionNames = useMemo(() => {
    const fromTimeline = (timeline.value?.environments ?? [])
      .filter(e => e.production)
      .map(e => e.environment.toLocaleLowerCase('en-US'));
    return [...new Set([...defaultProductionEnvironments, ...fromTimeline])];
  }, [timeline.value]);
  const isProduction = useMemo(() => {
    const names = new Set(productionNames);
    return (environment: string) =>
      names.has(environment.toLocaleLowerCase('en-US'));
  }, [productionNames]);
  const markable = useMemo((): MarkableDeployment[] => {
    const listed = new Set(pages.items.map(deploymentKey));
    const drawn = (timeline.value?.environments ?? []).flatMap(e =>
      (e.deployments ?? []).filter(d => !listed.has(deploymentKey(d))),
    );
    return [...pages.items, ...drawn];
  }, [pages.items, timeline.value]);
  // One request for the window's verdicts, for the chart's markers and the table's rows.
  const health = useDeploymentHealth({ entityRef, from, to, isProduction });
  const [selected, setSelected] = useState<Selection>();

  const markedFlags = useFreezeMarks({
    deployments: markable,
    flags: flags.value,
    isProduction,
  });

  const model = useMemo(
    () =>
      timeline.value
        ? buildChartModel(timeline.value, {
            width: plotWidth,
            now: Date.now(),
            filters: {
              environments: filters.environment
                ? [filters.environment]
                : undefined,
              outcomes: filters.outcome ? [filters.outcome] : undefined,
            },
            verdicts: health.byKey,
          })
        : undefined,
    [
      timeline.value,
      plotWidth,
      filters.environment,
      filters.outcome,
      health.byKey,
    ],
  );
  const hasFlags = !!model?.lanes.some(lane => lane.flags.length > 0);
  const hasRollouts = !!model?.lanes.some(lane =>
    lane.markers.some(marker => marker.rollout),
  );
  const hasVerdicts = !!model?.lanes.some(lane =>
    lane.markers.some(marker => marker.verdict),
  );

  const environments = useMemo(
    () =>
      [
        ...new Set([
          ...(timeline.value?.environments.map(e => e.environment) ?? []),
          ...pages.items.map(d => d.environment),
          ...(filters.environment ? [filters.environment] : []),
        ]),
      ].sort((a, b) => compareEnvironments(a, b)),
    [timeline.value, pages.items, filters.environment],
  );
  const sourceNames = useMemo(
    () =>
      [
        ...new Set([
          ...pages.items.map(d => d.source),
          ...(filters.source ? [filters.source] : []),
        ]),
      ].sort(),
    [pages.items, filters.source],
  );

  const feedingSources = feedingSourceStatuses(
    sources.value,
    sourcesNotFeeding(entity, sourceNames),
  );

  if (everDeployed.value === false) {
    return (
      <>
        <FreshnessNotice
          sources={feedingSources}
          subject="Data"
          testIdPrefix="delivery"
        />
        <EmptyDeployments
          entityRef={entityRef}
          annotations={entity.metadata.annotations}
        />
      </>
    );
  }

  return (
    <Grid container spacing={3} direction="column">
      {feedingSources && feedingSources.some(s => s.stale) && (
        <Grid item>
          <FreshnessNotice
            sources={feedingSources}
            subject="Data"
            testIdPrefix="delivery"
          />
        </Grid>
      )}
      <Grid item>
        <InfoCard
          title="Deployment timeline"
          subheader={`${formatExact(from)} – ${formatExact(
            to,
          )} · drag across the chart to zoom`}
          action={
            <Box display="flex" alignItems="center" mt={1} mr={1}>
              <ButtonGroup size="small" aria-label="Zoom presets">
                {zoomPresets.map(p => (
                  <Button
                    key={p.id}
                    variant={preset === p.id ? 'contained' : 'outlined'}
                    color="primary"
                    onClick={() => choosePreset(p.id)}
                    aria-pressed={preset === p.id}
                  >
                    {p.label}
                  </Button>
                ))}
              </ButtonGroup>
            </Box>
          }
        >
          <div ref={ref}>
            {timeline.loading && !timeline.value && <Progress />}
            {timeline.error && <ResponseErrorPanel error={timeline.error} />}
            {model && model.lanes.length === 0 && (
              <Typography
                color="textSecondary"
                data-testid="delivery-window-empty"
              >
                No deployments in this window
                {filters.environment || filters.outcome
                  ? ' matching the filters'
                  : ''}
                . Choose a wider zoom.
              </Typography>
            )}
            {model && model.lanes.length > 0 && (
              <TimelineChart
                model={model}
                flags={markedFlags}
                onSelectDeployment={deployment =>
                  setSelected({ kind: 'deployment', deployment })
                }
                onSelectIncident={incident =>
                  setSelected({ kind: 'incident', incident })
                }
                onZoom={zoom => {
                  setPreset('custom');
                  setRange(zoom);
                }}
              />
            )}
            <Box
              display="flex"
              flexWrap="wrap"
              mt={1}
              style={{ gap: 12 }}
              aria-label="Legend"
            >
              {outcomeOrder.map(outcome => (
                <Box
                  key={outcome}
                  display="flex"
                  alignItems="center"
                  style={{ gap: 4 }}
                >
                  <svg width={10} height={10} aria-hidden>
                    <circle cx={5} cy={5} r={5} fill={outcomeColors[outcome]} />
                  </svg>
                  <Typography variant="caption">
                    {outcomeLabels[outcome]}
                  </Typography>
                </Box>
              ))}
              <Typography variant="caption" color="error">
                ▮ incident (click for its flag changes)
              </Typography>
              {timeline.value?.incidentsTruncated && (
                <Typography variant="caption" color="textSecondary">
                  (only the latest incidents are drawn)
                </Typography>
              )}
              {hasVerdicts &&
                verdictOrder.map(verdict => (
                  <Box
                    key={verdict}
                    display="flex"
                    alignItems="center"
                    style={{ gap: 4 }}
                  >
                    <svg width={14} height={14} aria-hidden>
                      <circle
                        cx={7}
                        cy={7}
                        r={5.5}
                        fill="none"
                        stroke={verdictColors[verdict]}
                        strokeWidth={2}
                      />
                    </svg>
                    <Typography variant="caption">
                      {verdictLabels[verdict]}
                    </Typography>
                  </Box>
                ))}
              {hasRollouts && (
                <Typography variant="caption">
                  ◉ progressive rollout (click for its ramp)
                </Typography>
              )}
              {hasFlags && (
                <Typography
                  variant="caption"
                  data-testid="delivery-flag-legend"
                >
                  ◆ flag on, rollout or targeting · ◇ flag off
                </Typography>
              )}
              {model?.flagsTruncated && (
                <Typography variant="caption" color="textSecondary">
                  (only the latest flag changes are drawn)
                </Typography>
              )}
            </Box>
            {selected && (
              <Box
                mt={2}
                p={2}
                border={1}
                borderColor="divider"
                borderRadius={4}
                position="relative"
                data-testid="delivery-chart-detail"
              >
                <IconButton
                  size="small"
                  aria-label="Close the detail"
                  onClick={() => setSelected(undefined)}
                  style={{ position: 'absolute', top: 4, right: 4 }}
                >
                  <CloseIcon fontSize="small" />
                </IconButton>
                {selected.kind === 'deployment' ? (
                  <>
                    <Typography variant="subtitle1">
                      <code>
                        {selected.deployment.version ?? selected.deployment.id}
                      </code>{' '}
                      in {selected.deployment.environment} ·{' '}
                      {selected.deployment.source}
                      {selected.deployment.url && (
                        <>
                          {' '}
                          ·{' '}
                          <Link to={selected.deployment.url}>open the run</Link>
                        </>
                      )}
                    </Typography>
                    <RolloutRamp deployment={selected.deployment} />
                  </>
                ) : (
                  <IncidentDetail
                    incident={selected.incident}
                    productionEnvironments={productionNames}
                  />
                )}
              </Box>
            )}
          </div>
        </InfoCard>
      </Grid>
      {/* A definite width, so a wide table scrolls inside its card rather than the page. */}
      <Grid item style={{ width: '100%' }}>
        <InfoCard title="Deployments">
          <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 12 }}>
            {multiComponent &&
              select(
                'Component',
                filters.component,
                (timeline.value?.components ?? []).map(c => ({
                  value: c,
                  label: humanizeEntityRef(parseEntityRef(c), {
                    defaultKind: 'component',
                  }),
                })),
                component => setFilters(f => ({ ...f, component })),
              )}
            {select(
              'Environment',
              filters.environment,
              environments.map(e => ({ value: e, label: e })),
              environment => setFilters(f => ({ ...f, environment })),
            )}
            {select(
              'Source',
              filters.source,
              sourceNames.map(s => ({ value: s, label: s })),
              source => setFilters(f => ({ ...f, source })),
            )}
            {select(
              'Outcome',
              filters.outcome,
              outcomeOrder.map(o => ({ value: o, label: outcomeLabels[o] })),
              outcome =>
                setFilters(f => ({
                  ...f,
                  outcome: outcome as DeploymentOutcome | undefined,
                })),
            )}
            <TextField
              label="Version or commit sha"
              variant="outlined"
              size="small"
              value={filters.search ?? ''}
              onChange={event =>
                setFilters(f => ({ ...f, search: event.target.value }))
              }
              inputProps={{ 'aria-label': 'Search version or commit sha' }}
            />
          </Box>
          {pages.error && <ResponseErrorPanel error={pages.error} />}
          {pages.loading && pages.items.length === 0 ? (
            <Progress />
          ) : (
            <DeploymentsTable
              deployments={rows}
              rolledBack={rolledBack}
              flags={markedFlags}
              commitUrl={commitUrlFor(entity.metadata.annotations)}
              hasMore={!!pages.cursor}
              loadingMore={pages.loading}
              onLoadMore={pages.loadMore}
              loadedCount={pages.items.length}
              showComponent={multiComponent}
              verdicts={health}
            />
          )}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
