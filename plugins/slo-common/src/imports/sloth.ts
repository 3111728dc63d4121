import { parseDuration } from '../duration';
import { SloDefinitionError, SloImportResult, SloObjective } from '../model';
import { normaliseTarget } from '../target';
import { forEachYamlResource, isObject, Json } from './yamlResources';
import { counterSelectorOfSlothQuery } from './promqlCounters';

/** Sloth's default SLO period. */
export const SLOTH_DEFAULT_WINDOW = '30d';

/**
 * Reads Sloth definitions: the `prometheus/v1` spec (`version: prometheus/v1`,
 * snake_case `error_query`/`total_query`) and the Kubernetes `PrometheusServiceLevel`
 * CRD (`sloth.slok.dev/v1`, camelCase `errorQuery`/`totalQuery`). Event SLIs must have
 * Sloth's usual shape `sum(rate(<selector>[{{.window}}]))`: the selector is kept and
 * our own queries are built from it. `raw` (error ratio) and plugin SLIs are reported
 * per field as unsupported: they carry no event counts. Sloth SLOs are 30d rolling.
 * SLO ids are `<service>-<slo name>`, as Sloth names them.
 */
export function importSloth(text: string): SloImportResult {
  const objectives: SloObjective[] = [];
  const errors: SloDefinitionError[] = [];
  forEachYamlResource(text, errors, (resource, index) => {
    let spec: Json;
    let prefix: string;
    let kind: string;
    let name: string | undefined;
    let camel: boolean;
    if (isObject(resource) && resource.version === 'prometheus/v1') {
      spec = resource;
      prefix = '';
      kind = 'prometheus/v1';
      name = resource.service;
      camel = false;
    } else if (
      isObject(resource) &&
      resource.kind === 'PrometheusServiceLevel' &&
      isObject(resource.spec)
    ) {
      spec = resource.spec;
      prefix = 'spec.';
      kind = 'PrometheusServiceLevel';
      name = resource.metadata?.name;
      camel = true;
    } else {
      errors.push({
        document: index,
        path: '',
        message:
          'expected a Sloth spec (version: prometheus/v1) or a PrometheusServiceLevel (sloth.slok.dev/v1)',
      });
      return;
    }
    const fail = (path: string, message: string) =>
      errors.push({ document: index, kind, name, path, message });
    const service = spec.service;
    if (typeof service !== 'string' || !service) {
      fail(`${prefix}service`, 'is required');
      return;
    }
    if (!Array.isArray(spec.slos) || spec.slos.length === 0) {
      fail(`${prefix}slos`, 'must list at least one SLO');
      return;
    }
    spec.slos.forEach((slo: unknown, i: number) => {
      const at = `${prefix}slos[${i}]`;
      if (!isObject(slo) || typeof slo.name !== 'string' || !slo.name) {
        fail(`${at}.name`, 'is required');
        return;
      }
      let target: number | undefined;
      try {
        // Sloth objectives are percentages: 99.9
        target = normaliseTarget(`${String(slo.objective ?? '').trim()}%`);
      } catch (error) {
        fail(`${at}.objective`, (error as Error).message);
      }
      const sli = isObject(slo.sli) ? slo.sli : {};
      const errorKey = camel ? 'errorQuery' : 'error_query';
      const totalKey = camel ? 'totalQuery' : 'total_query';
      let bad: string | undefined;
      let total: string | undefined;
      if (isObject(sli.events)) {
        for (const [key, set] of [
          [errorKey, (v: string) => (bad = v)],
          [totalKey, (v: string) => (total = v)],
        ] as const) {
          const query = sli.events[key];
          const selector =
            typeof query === 'string'
              ? counterSelectorOfSlothQuery(query)
              : undefined;
          if (selector) {
            set(selector);
          } else {
            fail(
              `${at}.sli.events.${key}`,
              'must be sum(rate(<counter selector>[{{.window}}])) (optionally sum by (...)); the portal builds its own queries from the selector',
            );
          }
        }
      } else if (sli.raw !== undefined) {
        fail(
          `${at}.sli.raw`,
          'raw error-ratio SLIs carry no event counts and are not supported; use events',
        );
      } else if (sli.plugin !== undefined) {
        fail(
          `${at}.sli.plugin`,
          'Sloth SLI plugins are not supported; use events',
        );
      } else {
        fail(`${at}.sli`, 'expected events (error and total queries)');
      }
      if (target === undefined || !bad || !total) return;
      const alerting = isObject(slo.alerting) ? slo.alerting : undefined;
      const pageOff = isObject(alerting?.[camel ? 'pageAlert' : 'page_alert'])
        ? alerting![camel ? 'pageAlert' : 'page_alert'].disable === true
        : false;
      const ticketOff = isObject(
        alerting?.[camel ? 'ticketAlert' : 'ticket_alert'],
      )
        ? alerting![camel ? 'ticketAlert' : 'ticket_alert'].disable === true
        : false;
      const id = `${service}-${slo.name}`;
      objectives.push({
        id,
        sloName: id,
        objectiveName: slo.name,
        service,
        ...(slo.description ? { description: String(slo.description) } : {}),
        indicator: {
          kind: 'ratio',
          bad: { query: bad, sourceType: 'Prometheus' },
          total: { query: total, sourceType: 'Prometheus' },
        },
        target,
        window: {
          kind: 'rolling',
          duration: parseDuration(SLOTH_DEFAULT_WINDOW),
        },
        budgeting: { method: 'occurrences' },
        ...(pageOff || ticketOff
          ? {
              burnRateTiers: [
                ...(pageOff ? [] : (['page-fast', 'page-slow'] as const)),
                ...(ticketOff ? [] : (['ticket-fast', 'ticket-slow'] as const)),
              ],
            }
          : {}),
      });
    });
  });
  return { objectives, errors };
}
