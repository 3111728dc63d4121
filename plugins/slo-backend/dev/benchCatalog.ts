/*
 * The benchmark organisation (scripts/bench-slo.mjs): group bench-org > 10 teams > 100
 * components each, every component with two inline OpenSLO objectives (availability
 * over 30d, latency over a calendar month).
 */
import { Entity } from '@backstage/catalog-model';
import {
  componentEntity,
  groupEntity,
  ratioSloYaml,
} from '@internal/backstage-plugin-slo-common/testUtils';

const TEAMS = 10;
const COMPONENTS_PER_TEAM = 100;

const availability = (name: string) =>
  ratioSloYaml({
    name: `${name}-availability`,
    service: name,
    indicatorName: `${name}-errors`,
    countQuery: `http_requests_total{job="${name}",code=~"5.."}`,
    totalQuery: `http_requests_total{job="${name}"}`,
  });

const latency = (name: string) =>
  ratioSloYaml({
    name: `${name}-latency`,
    service: name,
    indicatorName: `${name}-fast`,
    counts: 'good',
    countQuery: `http_request_duration_seconds_bucket{job="${name}",le="0.3"}`,
    totalQuery: `http_request_duration_seconds_count{job="${name}"}`,
    window: `    - duration: 1M
      isRolling: false
      calendar:
        startTime: 2026-01-01 00:00:00
        timeZone: Europe/Paris`,
    target: '99',
  });

const teams = Array.from({ length: TEAMS }, (_, t) => `bench-team-${t}`);
export const benchCatalog: Entity[] = [
  groupEntity('bench-org', teams),
  ...teams.map(team => groupEntity(team)),
  ...teams.flatMap((team, t) =>
    Array.from({ length: COMPONENTS_PER_TEAM }, (_, c) => {
      const name = `bench-svc-${t * COMPONENTS_PER_TEAM + c}`;
      return componentEntity(name, {
        owner: team,
        annotations: {
          'slo.acme-portal.io/openslo': `${availability(name)}---\n${latency(
            name,
          )}`,
        },
      });
    }),
  ),
];
