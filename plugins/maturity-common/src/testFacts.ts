import type { ComponentFacts } from './facts';

/** A component that passes every default check, for tests to take apart. */
export function matureFacts(entityRef = 'component:default/a'): ComponentFacts {
  return {
    entityRef,
    catalog: {
      owner: 'group:default/team-a',
      annotations: { 'pagerduty.com/service-id': 'P123' },
      links: [{ url: 'https://wiki.example/runbook', title: 'Runbook' }],
    },
    delivery: {
      windowDays: 90,
      dataSince: '2026-08-01T00:00:00Z',
      deploymentsBySource: { github: 120, argocd: 118 },
      productionDeployments: 100,
      preProductionDeployments: 110,
      deploymentsPerDay: 100 / 90,
      leadTimeMedianHours: 6,
      changeFailureRate: { ratio: 0.04, band: 'elite' },
      recovery: {
        failures: 4,
        unrecovered: 0,
        medianHours: 0.5,
        band: 'elite',
      },
    },
    slo: {
      objectives: [
        {
          name: 'availability',
          hasMetricSource: true,
          alerting: true,
          periodsMet: [true, true, false],
        },
      ],
    },
    goldenPath: {
      template: 'node-service',
      version: '1.2.0',
      latestVersion: '1.2.0',
      drift: 'current',
      testsAndScansBeforeProduction: true,
    },
    deployGate: { windowDays: 30, decisions: 40 },
    progressiveDelivery: {
      windowDays: 90,
      phasedDeployments: 3,
      flagReleases: 0,
    },
  };
}
