/*
 * The wire types of `/api/maturity`, shared by the backend (which answers with them)
 * and the frontend.
 */
import type { Pillar } from './checks';
import type { Initiative, InitiativeProgress } from './initiatives';
import type { ComponentMaturity, MaturityRollup } from './levels';

/** A rubric level as the UI shows it. */
export interface MaturityLevelInfo {
  level: number;
  name: string;
  description?: string;
}

/** A component's level in a list (a team's components, the catalog column). */
export interface ComponentLevel {
  entityRef: string;
  title?: string;
  level: number;
  levelName?: string;
}

/**
 * Answer of `GET /api/maturity/entity?entityRef=`: a component's checks, or a group's
 * or system's roll-up over its components (child teams pooled) with each component's
 * level and each child team's.
 */
export type EntityMaturityResponse =
  | {
      kind: 'component';
      entityRef: string;
      computedAt: string;
      levels: MaturityLevelInfo[];
      maturity: ComponentMaturity;
      /** Where each domain's facts stand: when collected, and stale since when. */
      sources?: MaturitySourceFreshness[];
    }
  | {
      kind: 'group' | 'system';
      entityRef: string;
      computedAt: string;
      levels: MaturityLevelInfo[];
      rollup: MaturityRollup;
      components: ComponentLevel[];
      /** For a group: its child teams, each with its own roll-up level. */
      teams?: {
        entityRef: string;
        title?: string;
        level: number | null;
        distribution: number[];
      }[];
    };

/**
 * How fresh a domain's facts are for a component. A source that could not be asked
 * on the latest run leaves its last good facts in place, marked stale since that run.
 */
export interface MaturitySourceFreshness {
  domain: string;
  /** When the facts in use were collected. */
  collectedAt: string;
  /** The first run since then that could not ask the source; absent when fresh. */
  staleSince?: string;
}

/** One week of `GET /api/maturity/history`: levels as they stood at the week's end. */
export interface MaturityHistoryPoint {
  /** Start of the ISO week (Monday 00:00 UTC). */
  week: string;
  level: number | null;
  distribution: number[];
}

export interface MaturityHistoryResponse {
  entityRef: string;
  points: MaturityHistoryPoint[];
}

/** An initiative with its progress now and by week. */
export interface InitiativeStatus extends Initiative {
  progress: InitiativeProgress;
  history: { week: string; done: number; components: number }[];
  /** Owning teams of the components in scope, who are told of its milestones. */
  teams: string[];
}

/** Answer of `GET /api/maturity/organisation`. */
export interface OrganisationMaturityResponse {
  computedAt: string;
  levels: MaturityLevelInfo[];
  /** Every component, by level (index = level). */
  distribution: number[];
  teams: {
    entityRef: string;
    title?: string;
    parent?: string;
    level: number | null;
    distribution: number[];
    components: number;
  }[];
  initiatives: InitiativeStatus[];
  /** Per pillar: share of applicable, known check results that pass. */
  pillars: { pillar: Pillar; pass: number; fail: number; unknown: number }[];
}

/** Answer of `POST /api/maturity/levels {entityRefs}` (the catalog column). */
export interface MaturityLevelsResponse {
  items: Record<string, ComponentLevel>;
}

/** Answer of `GET /api/maturity/initiatives`. */
export interface MaturityInitiativesResponse {
  computedAt: string;
  items: InitiativeStatus[];
}
