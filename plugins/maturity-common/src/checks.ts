import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ComponentFacts, MaturityBand } from './facts';

/** What a check says of a component. No data is `unknown`, never `fail`. */
export type CheckStatus = 'pass' | 'fail' | 'not-applicable' | 'unknown';

/** The four pillars of the maturity model. */
export const pillars = [
  'collaboration',
  'automation',
  'observability',
  'shift-left',
  'delivery',
  'reliability',
] as const;

export type Pillar = (typeof pillars)[number];

/** A check's answer with its evidence: what was measured, against what, where to see it. */
export interface CheckResult {
  status: CheckStatus;
  /** One sentence a person reads, e.g. "3 deployments reported by github in 90 days". */
  evidence: string;
  figure?: number | string;
  threshold?: number | string;
  link?: string;
}

export interface CheckContext {
  facts: ComponentFacts;
  /** The instant the check is made at, ISO-8601. */
  now: string;
}

/** A kind of check: its parameters and the pure function that decides it. */
export interface CheckKind<P extends z.ZodType> {
  description: string;
  params: P;
  evaluate(context: CheckContext, params: z.infer<P>): CheckResult;
}

const kind = <P extends z.ZodType>(definition: CheckKind<P>) => definition;

const bandOrder: MaturityBand[] = ['low', 'medium', 'high', 'elite'];
const bandParam = z.enum(['low', 'medium', 'high', 'elite']);

/** Whether `band` is `atLeast` or better; undefined for an unknown band. */
function bandAtLeast(
  band: MaturityBand,
  atLeast: MaturityBand,
): boolean | undefined {
  if (band === 'unknown') return undefined;
  return bandOrder.indexOf(band) >= bandOrder.indexOf(atLeast);
}

const unknown = (evidence: string): CheckResult => ({
  status: 'unknown',
  evidence,
});

const NO_DELIVERY = 'the delivery backend could not be asked';
const NO_SLO = 'the SLO backend could not be asked';

const formatHours = (hours: number) =>
  hours < 48 ? `${+hours.toFixed(1)} h` : `${+(hours / 24).toFixed(1)} days`;

/**
 * The kinds of checks a rubric can use, by name. Each reads only `ComponentFacts`, so
 * a rubric in config can combine them with its own thresholds.
 */
export const checkKinds = {
  'owner-set': kind({
    description: 'The component has an owner in the catalog.',
    params: z.object({}).strict(),
    evaluate: ({ facts }) =>
      facts.catalog.owner
        ? {
            status: 'pass',
            evidence: `owned by ${facts.catalog.owner}`,
            link: facts.links?.catalog,
          }
        : {
            status: 'fail',
            evidence: 'no spec.owner in the catalog',
            link: facts.links?.catalog,
          },
  }),

  'annotation-present': kind({
    description:
      'One of the given annotations is set (e.g. an on-call source: PagerDuty or Opsgenie).',
    params: z
      .object({ annotations: z.array(z.string().min(1)).min(1) })
      .strict(),
    evaluate: ({ facts }, { annotations }) => {
      const found = annotations.find(a => facts.catalog.annotations[a]);
      return found
        ? { status: 'pass', evidence: `${found} is set`, figure: found }
        : {
            status: 'fail',
            evidence: `none of ${annotations.join(', ')} is set`,
            link: facts.links?.catalog,
          };
    },
  }),

  'link-present': kind({
    description:
      'The catalog links to a document whose title or type contains the word (e.g. runbook).',
    params: z.object({ word: z.string().min(1) }).strict(),
    evaluate: ({ facts }, { word }) => {
      const wanted = word.toLowerCase();
      const link = facts.catalog.links.find(l =>
        [l.title, l.type].some(text => text?.toLowerCase().includes(wanted)),
      );
      return link
        ? {
            status: 'pass',
            evidence: `links to ${link.title ?? link.url}`,
            link: link.url,
          }
        : {
            status: 'fail',
            evidence: `no catalog link titled or typed "${word}"`,
            link: facts.links?.catalog,
          };
    },
  }),

  'deployments-reported': kind({
    description:
      'Deployments are reported by one of the given sources (CI/CD or GitOps tools).',
    params: z
      .object({
        sources: z.array(z.string().min(1)).min(1),
        minimum: z.number().int().min(1).default(1),
      })
      .strict(),
    evaluate: ({ facts }, { sources, minimum }) => {
      const delivery = facts.delivery;
      if (!delivery) return unknown(NO_DELIVERY);
      const count = sources.reduce(
        (sum, source) => sum + (delivery.deploymentsBySource[source] ?? 0),
        0,
      );
      return {
        status: count >= minimum ? 'pass' : 'fail',
        evidence: `${count} deployments reported by ${sources.join(
          ' or ',
        )} in ${delivery.windowDays} days`,
        figure: count,
        threshold: minimum,
        link: facts.links?.delivery,
      };
    },
  }),

  'delivery-history': kind({
    description: 'Delivery data covers at least the given number of days.',
    params: z.object({ days: z.number().int().min(1) }).strict(),
    evaluate: ({ facts, now }, { days }) => {
      const delivery = facts.delivery;
      if (!delivery) return unknown(NO_DELIVERY);
      if (!delivery.dataSince) {
        return {
          status: 'fail',
          evidence: 'no delivery data yet',
          threshold: days,
          link: facts.links?.delivery,
        };
      }
      const covered = Math.floor(
        DateTime.fromISO(now)
          .diff(DateTime.fromISO(delivery.dataSince), 'days')
          .as('days'),
      );
      return {
        status: covered >= days ? 'pass' : 'fail',
        evidence: `delivery data for ${covered} days`,
        figure: covered,
        threshold: days,
        link: facts.links?.delivery,
      };
    },
  }),

  'slo-with-source': kind({
    description: 'At least the given number of SLOs have a metric source.',
    params: z.object({ minimum: z.number().int().min(1).default(1) }).strict(),
    evaluate: ({ facts }, { minimum }) => {
      if (!facts.slo) return unknown(NO_SLO);
      const measured = facts.slo.objectives.filter(o => o.hasMetricSource);
      return {
        status: measured.length >= minimum ? 'pass' : 'fail',
        evidence: `${measured.length} of ${facts.slo.objectives.length} SLOs have a metric source`,
        figure: measured.length,
        threshold: minimum,
        link: facts.links?.slo,
      };
    },
  }),

  'slo-alerting': kind({
    description: 'Every measured SLO has generated burn-rate alerts.',
    params: z.object({}).strict(),
    evaluate: ({ facts }) => {
      if (!facts.slo) return unknown(NO_SLO);
      const measured = facts.slo.objectives.filter(o => o.hasMetricSource);
      if (measured.length === 0) {
        return unknown('no SLO has a metric source to alert on');
      }
      const alerting = measured.filter(o => o.alerting).length;
      return {
        status: alerting === measured.length ? 'pass' : 'fail',
        evidence: `${alerting} of ${measured.length} measured SLOs alert on burn rate`,
        figure: alerting,
        threshold: measured.length,
        link: facts.links?.slo,
      };
    },
  }),

  'slos-met': kind({
    description:
      'Every measured SLO was met in each of the given number of latest complete periods.',
    params: z.object({ periods: z.number().int().min(1) }).strict(),
    evaluate: ({ facts }, { periods }) => {
      if (!facts.slo) return unknown(NO_SLO);
      const measured = facts.slo.objectives.filter(o => o.hasMetricSource);
      if (measured.length === 0) return unknown('no SLO has a metric source');
      const missed = measured.filter(o =>
        o.periodsMet.slice(0, periods).some(met => met === false),
      );
      if (missed.length > 0) {
        return {
          status: 'fail',
          evidence: `missed in the last ${periods} periods: ${missed
            .map(o => o.name)
            .join(', ')}`,
          figure: measured.length - missed.length,
          threshold: measured.length,
          link: facts.links?.slo,
        };
      }
      const complete = measured.every(
        o =>
          o.periodsMet.length >= periods &&
          o.periodsMet.slice(0, periods).every(met => met === true),
      );
      if (!complete) {
        return unknown(`fewer than ${periods} complete periods with data`);
      }
      return {
        status: 'pass',
        evidence: `all ${measured.length} SLOs met ${periods} periods running`,
        figure: measured.length,
        threshold: measured.length,
        link: facts.links?.slo,
      };
    },
  }),

  'change-failure-band': kind({
    description: 'The change failure rate is in the given band or better.',
    params: z.object({ atLeast: bandParam }).strict(),
    evaluate: ({ facts }, { atLeast }) => {
      if (!facts.delivery) return unknown(NO_DELIVERY);
      const { ratio, band } = facts.delivery.changeFailureRate;
      const reached = bandAtLeast(band, atLeast);
      if (reached === undefined || ratio === null) {
        return unknown('no production deployments to rate');
      }
      return {
        status: reached ? 'pass' : 'fail',
        evidence: `change failure rate ${+(ratio * 100).toFixed(1)}% (${band})`,
        figure: band,
        threshold: atLeast,
        link: facts.links?.delivery,
      };
    },
  }),

  'recovery-band': kind({
    description:
      'Failed deployments recover in the given band or better; not applicable without failures.',
    params: z.object({ atLeast: bandParam }).strict(),
    evaluate: ({ facts }, { atLeast }) => {
      if (!facts.delivery) return unknown(NO_DELIVERY);
      const { failures, unrecovered, medianHours, band } =
        facts.delivery.recovery;
      if (failures === 0) {
        return {
          status: 'not-applicable',
          evidence: `no failed deployments in ${facts.delivery.windowDays} days`,
        };
      }
      const reached = bandAtLeast(band, atLeast);
      if (reached === undefined || medianHours === null) {
        return {
          status: 'fail',
          evidence: `${unrecovered} of ${failures} failed deployments not recovered`,
          figure: unrecovered,
          threshold: atLeast,
          link: facts.links?.delivery,
        };
      }
      return {
        status: reached ? 'pass' : 'fail',
        evidence: `recovery in ${formatHours(medianHours)} median (${band})`,
        figure: band,
        threshold: atLeast,
        link: facts.links?.delivery,
      };
    },
  }),

  'golden-path-current': kind({
    description:
      'The component is on its golden path’s latest major version; not applicable when not created from one.',
    params: z
      .object({ allow: z.enum(['current', 'minor']).default('minor') })
      .strict(),
    evaluate: ({ facts }, { allow }) => {
      const path = facts.goldenPath;
      if (!path) return unknown('the golden-paths backend could not be asked');
      if (!path.template) {
        return {
          status: 'not-applicable',
          evidence: 'not created from a golden path',
        };
      }
      if (!path.drift) return unknown(`no version known for ${path.template}`);
      const ok =
        path.drift === 'current' ||
        (allow === 'minor' && path.drift === 'minor');
      return {
        status: ok ? 'pass' : 'fail',
        evidence: `${path.template} ${path.version ?? '?'}, latest ${
          path.latestVersion ?? '?'
        } (${path.drift === 'current' ? 'current' : `${path.drift} behind`})`,
        figure: path.version,
        threshold: path.latestVersion,
        link: facts.links?.goldenPath,
      };
    },
  }),

  'tests-before-production': kind({
    description:
      'Tests and scans run before production: the golden path’s pipeline, or deployments to a pre-production environment.',
    params: z.object({}).strict(),
    evaluate: ({ facts }) => {
      if (facts.goldenPath?.testsAndScansBeforeProduction) {
        return {
          status: 'pass',
          evidence: `the ${facts.goldenPath.template} pipeline tests and scans before production`,
          link: facts.links?.goldenPath,
        };
      }
      const delivery = facts.delivery;
      if (delivery && delivery.preProductionDeployments > 0) {
        return {
          status: 'pass',
          evidence: `${delivery.preProductionDeployments} pre-production deployments in ${delivery.windowDays} days`,
          figure: delivery.preProductionDeployments,
          link: facts.links?.delivery,
        };
      }
      if (delivery && delivery.productionDeployments > 0) {
        return {
          status: 'fail',
          evidence: `${delivery.productionDeployments} production deployments, none to a pre-production environment`,
          figure: 0,
          link: facts.links?.delivery,
        };
      }
      return unknown('no pipeline data shows what runs before production');
    },
  }),

  'deployment-frequency': kind({
    description: 'Production deployments per day reach the threshold.',
    params: z.object({ perDay: z.number().positive() }).strict(),
    evaluate: ({ facts }, { perDay }) => {
      const delivery = facts.delivery;
      if (!delivery) return unknown(NO_DELIVERY);
      // Zero deployments cannot tell "no source" from "no deploys" (DORA rules).
      if (delivery.productionDeployments === 0) {
        return unknown(
          `no production deployments in ${delivery.windowDays} days`,
        );
      }
      return {
        status: delivery.deploymentsPerDay >= perDay ? 'pass' : 'fail',
        evidence: `${+delivery.deploymentsPerDay.toFixed(
          2,
        )} deployments per day`,
        figure: delivery.deploymentsPerDay,
        threshold: perDay,
        link: facts.links?.delivery,
      };
    },
  }),

  'lead-time': kind({
    description: 'The median lead time for changes is under the threshold.',
    params: z.object({ hours: z.number().positive() }).strict(),
    evaluate: ({ facts }, { hours }) => {
      const delivery = facts.delivery;
      if (!delivery) return unknown(NO_DELIVERY);
      if (delivery.leadTimeMedianHours === null) {
        return unknown('no lead times: no commits reached production');
      }
      return {
        status: delivery.leadTimeMedianHours < hours ? 'pass' : 'fail',
        evidence: `median lead time ${formatHours(
          delivery.leadTimeMedianHours,
        )}`,
        figure: delivery.leadTimeMedianHours,
        threshold: hours,
        link: facts.links?.delivery,
      };
    },
  }),

  'progressive-delivery': kind({
    description:
      'Releases use canary or blue-green rollouts or feature flags; not applicable where no fact provider reports them.',
    params: z.object({}).strict(),
    evaluate: ({ facts }) => {
      const progressive = facts.progressiveDelivery;
      if (!progressive && facts.unavailable?.includes('progressiveDelivery')) {
        return unknown('progressive delivery facts could not be collected');
      }
      if (!progressive) {
        return {
          status: 'not-applicable',
          evidence: 'no rollout or feature-flag source is connected',
        };
      }
      const used = progressive.phasedDeployments + progressive.flagReleases;
      return {
        status: used > 0 ? 'pass' : 'fail',
        evidence: `${progressive.phasedDeployments} phased rollouts and ${progressive.flagReleases} flag releases in ${progressive.windowDays} days`,
        figure: used,
        threshold: 1,
        link: facts.links?.delivery,
      };
    },
  }),

  'deploy-gate': kind({
    description: 'The pipeline asks the deploy gate before production.',
    params: z.object({}).strict(),
    evaluate: ({ facts }) => {
      const gate = facts.deployGate;
      if (!gate) return unknown('the deploy gate could not be asked');
      return {
        status: gate.decisions > 0 ? 'pass' : 'fail',
        evidence: `${gate.decisions} gate decisions in ${gate.windowDays} days`,
        figure: gate.decisions,
        threshold: 1,
        link: facts.links?.deployGate,
      };
    },
  }),
} as const;

export type CheckKindName = keyof typeof checkKinds;
