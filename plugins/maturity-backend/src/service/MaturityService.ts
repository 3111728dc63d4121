import {
  BackstageCredentials,
  CacheService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  ComponentLevel,
  ComponentMaturity,
  EntityMaturityResponse,
  Initiative,
  MaturityHistoryResponse,
  MaturityInitiativesResponse,
  MaturityLevelInfo,
  MaturityLevelsResponse,
  MaturitySourceFreshness,
  OrganisationMaturityResponse,
  Rubric,
} from '@internal/backstage-plugin-maturity-common';
import {
  evaluateComponent,
  pillars,
  ratesComponentType,
  rollup,
} from '@internal/backstage-plugin-maturity-common';
import { componentsOwnedWithin } from '@internal/entity-scope';
import {
  CatalogSnapshot,
  catalogComponentOf,
  componentTypeOf,
  catalogLinkOf,
  loadCatalogSnapshot,
  teamsOf,
} from '../catalog/catalogSnapshot';
import { MaturityStore } from '../database/MaturityStore';
import { assembleFacts } from './assembleFacts';
import { componentsOfSystem, initiativeStatus } from './scopes';
import {
  initiativeSubject,
  InitiativeSnapshot,
  LevelSnapshot,
  weekOf,
} from './weekly';

/** Every collected component's maturity as of one collection run. */
export interface ComputedLevels {
  /** The run whose facts these are (0: none yet). */
  version: number;
  computedAt: string;
  components: Record<string, ComponentMaturity>;
  freshness: Record<string, MaturitySourceFreshness[]>;
}

/** Cached levels outlive no run: the key names the run (see `levels`). */
const CACHE_TTL = { hours: 24 };
export const DEFAULT_HISTORY_WEEKS = 12;

/**
 * The read side: levels computed from the stored facts with the rubric, cached per
 * collection run, and the answers of the HTTP API and the actions. Catalog reads are
 * made with the caller's credentials, so nobody sees an entity the catalog hides.
 */
export class MaturityService {
  /** The levels of the latest run this process has read. */
  private latest?: ComputedLevels;
  /**
   * What else the levels depend on: a restart with another rubric (or fact age) must not
   * read levels a shared cache kept from before.
   */
  private readonly settingsKey: string;

  constructor(
    private readonly options: {
      store: MaturityStore;
      cache: CacheService;
      catalog: CatalogService;
      rubric: Rubric;
      initiatives: Initiative[];
      maxFactAgeMs: number;
      /** The domains of the installed fact providers (`assembleFacts`). */
      providedDomains?: readonly string[];
      now?: () => Date;
    },
  ) {
    this.settingsKey = createHash('sha256')
      .update(
        JSON.stringify([
          options.rubric,
          options.maxFactAgeMs,
          options.providedDomains ?? [],
        ]),
      )
      .digest('hex')
      .slice(0, 16);
  }

  private now() {
    return (this.options.now ?? (() => new Date()))();
  }

  /** Whether the rubric rates a component of this type. */
  private readonly rates = (type: string | undefined) =>
    ratesComponentType(this.options.rubric, type);

  get levelInfo(): MaturityLevelInfo[] {
    return this.options.rubric.levels.map(l => ({ ...l }));
  }

  /**
   * Every collected component's maturity. Facts change only in collection runs, so the
   * levels are cached under the latest run's id (and the rubric's hash): a new run is a
   * new key, and the old entry is never read again (it expires). The cache (shared by replicas) holds them as
   * one JSON string, parsed natively; this process also keeps the latest in memory.
   */
  async levels(): Promise<ComputedLevels> {
    const run = await this.options.store.latestRun();
    const version = run?.id ?? 0;
    if (this.latest?.version === version) return this.latest;
    const key = `levels:v${version}:${this.settingsKey}`;
    const cached = await this.options.cache.get(key);
    let levels: ComputedLevels;
    if (typeof cached === 'string') {
      levels = JSON.parse(cached) as ComputedLevels;
    } else {
      levels = await this.computeLevels(version);
      await this.options.cache.set(key, JSON.stringify(levels), {
        ttl: CACHE_TTL,
      });
    }
    this.latest = levels;
    return levels;
  }

  /** Levels from the stored facts, without the cache (the benchmark's cold figure). */
  async computeLevels(version: number): Promise<ComputedLevels> {
    const now = this.now();
    const assembled = assembleFacts(await this.options.store.listFacts(), {
      now,
      maxFactAgeMs: this.options.maxFactAgeMs,
      catalogLink: catalogLinkOf,
      providedDomains: this.options.providedDomains,
    });
    const computedAt = now.toISOString();
    const components: ComputedLevels['components'] = {};
    const freshness: ComputedLevels['freshness'] = {};
    for (const [ref, { facts, freshness: f }] of assembled) {
      components[ref] = evaluateComponent(
        this.options.rubric,
        facts,
        computedAt,
      );
      freshness[ref] = f;
    }
    return { version, computedAt, components, freshness };
  }

  /**
   * A component's maturity: as collected, or (registered since the last run) from its
   * catalog facts alone, every other domain unknown until the next run.
   */
  maturityIn(
    levels: ComputedLevels,
    snapshot: CatalogSnapshot,
  ): (ref: string) => ComponentMaturity {
    return ref =>
      levels.components[ref] ??
      evaluateComponent(
        this.options.rubric,
        {
          entityRef: ref,
          catalog: snapshot.components.get(ref)?.catalog ?? {
            annotations: {},
            links: [],
          },
          links: { catalog: catalogLinkOf(ref) },
        },
        levels.computedAt,
      );
  }

  /** `GET /entity`: a component's checks, or a group's or system's roll-up. */
  async entity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<EntityMaturityResponse> {
    const [levels, snapshot] = await Promise.all([
      this.levels(),
      loadCatalogSnapshot(this.options.catalog, credentials, this.rates),
    ]);
    const maturityOf = this.maturityIn(levels, snapshot);
    const base = {
      entityRef,
      computedAt: levels.computedAt,
      levels: this.levelInfo,
    };
    const kind = entityRef.split(':')[0];
    if (kind === 'component') {
      const unratedType = snapshot.unrated.get(entityRef);
      if (unratedType) {
        throw new NotFoundError(
          `${entityRef} is a ${unratedType}: the maturity rubric rates ${this.options.rubric.componentTypes.join(
            ' and ',
          )} components`,
        );
      }
      if (!snapshot.components.has(entityRef)) {
        throw new NotFoundError(`no component ${entityRef} in the catalog`);
      }
      return {
        ...base,
        kind: 'component',
        maturity: maturityOf(entityRef),
        sources: levels.freshness[entityRef] ?? [],
      };
    }
    const componentLevel = (ref: string): ComponentLevel => {
      const m = maturityOf(ref);
      return {
        entityRef: ref,
        title: snapshot.components.get(ref)?.title,
        level: m.level,
        levelName: m.levelName,
      };
    };
    if (kind === 'group') {
      if (!snapshot.groups.has(entityRef)) {
        throw new NotFoundError(`no group ${entityRef} in the catalog`);
      }
      const refs = componentsOwnedWithin(entityRef, snapshot);
      return {
        ...base,
        kind: 'group',
        rollup: rollup(this.options.rubric, refs.map(maturityOf)),
        components: refs.map(componentLevel),
        teams: (snapshot.children.get(entityRef) ?? []).map(child => {
          const r = rollup(
            this.options.rubric,
            componentsOwnedWithin(child, snapshot).map(maturityOf),
          );
          return {
            entityRef: child,
            title: snapshot.groups.get(child)?.title,
            level: r.level,
            distribution: r.distribution,
          };
        }),
      };
    }
    if (kind === 'system') {
      const refs = componentsOfSystem(entityRef, snapshot);
      return {
        ...base,
        kind: 'system',
        rollup: rollup(this.options.rubric, refs.map(maturityOf)),
        components: refs.map(componentLevel),
      };
    }
    throw new NotFoundError(
      `${entityRef}: maturity is kept for components, groups and systems`,
    );
  }

  /** `GET /history`: the weeks recorded for the entity, oldest first. */
  async history(
    entityRef: string,
    weeks: number,
    credentials: BackstageCredentials,
  ): Promise<MaturityHistoryResponse> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`no ${entityRef} in the catalog`);
    const from = new Date(this.now().getTime() - (weeks - 1) * 7 * 86_400_000);
    const rows = await this.options.store.listWeekly<LevelSnapshot>(
      [entityRef],
      weekOf(from),
    );
    return {
      entityRef,
      points: rows.map(r => ({ week: r.week, ...r.snapshot })),
    };
  }

  /** `GET /initiatives`: each initiative's progress now and by week. */
  async initiatives(
    credentials: BackstageCredentials,
    loaded?: { levels: ComputedLevels; snapshot: CatalogSnapshot },
  ): Promise<MaturityInitiativesResponse> {
    const [levels, snapshot] = loaded
      ? [loaded.levels, loaded.snapshot]
      : await Promise.all([
          this.levels(),
          loadCatalogSnapshot(this.options.catalog, credentials, this.rates),
        ]);
    const { initiatives } = this.options;
    const history = await this.options.store.listWeekly<InitiativeSnapshot>(
      initiatives.map(i => initiativeSubject(i.id)),
      '0000-00-00',
    );
    const maturityOf = this.maturityIn(levels, snapshot);
    return {
      computedAt: levels.computedAt,
      items: initiatives.map(initiative =>
        initiativeStatus(
          initiative,
          snapshot,
          maturityOf,
          history
            .filter(h => h.subject === initiativeSubject(initiative.id))
            .map(h => ({ week: h.week, ...h.snapshot })),
        ),
      ),
    };
  }

  /** `GET /organisation`: every team's level, initiatives, pillars. */
  async organisation(
    credentials: BackstageCredentials,
  ): Promise<OrganisationMaturityResponse> {
    const [levels, snapshot] = await Promise.all([
      this.levels(),
      loadCatalogSnapshot(this.options.catalog, credentials, this.rates),
    ]);
    const { rubric } = this.options;
    const maturityOf = this.maturityIn(levels, snapshot);
    const all = [...snapshot.components.keys()].sort().map(maturityOf);
    const everything = rollup(rubric, all);
    const pillarCounts = pillars.map(pillar => {
      const counts = { pillar, pass: 0, fail: 0, unknown: 0 };
      for (const m of all) {
        for (const check of m.checks) {
          if (check.pillar !== pillar) continue;
          if (check.status === 'pass') counts.pass += 1;
          else if (check.status === 'fail') counts.fail += 1;
          else if (check.status === 'unknown') counts.unknown += 1;
        }
      }
      return counts;
    });
    return {
      computedAt: levels.computedAt,
      levels: this.levelInfo,
      distribution: everything.distribution,
      teams: teamsOf(snapshot).map(ref => {
        const refs = componentsOwnedWithin(ref, snapshot);
        const r = rollup(rubric, refs.map(maturityOf));
        const group = snapshot.groups.get(ref);
        return {
          entityRef: ref,
          title: group?.title,
          ...(group?.parent ? { parent: group.parent } : {}),
          level: r.level,
          distribution: r.distribution,
          components: refs.length,
        };
      }),
      initiatives: (await this.initiatives(credentials, { levels, snapshot }))
        .items,
      pillars: pillarCounts.filter(p =>
        rubric.checks.some(c => c.pillar === p.pillar),
      ),
    };
  }

  /**
   * `POST /levels`: the catalog column. Only components the caller may see get a
   * level; other refs are left out.
   */
  async levelsOf(
    entityRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<MaturityLevelsResponse> {
    const [levels, { items: entities }] = await Promise.all([
      this.levels(),
      this.options.catalog.getEntitiesByRefs(
        {
          entityRefs,
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
            'metadata.annotations',
            'metadata.links',
            'spec.owner',
            'spec.type',
            'relations',
          ],
        },
        { credentials },
      ),
    ]);
    const items: MaturityLevelsResponse['items'] = {};
    entityRefs.forEach((ref, i) => {
      const entity = entities[i];
      if (!entity || entity.kind.toLowerCase() !== 'component') return;
      if (!this.rates(componentTypeOf(entity))) return;
      const m =
        levels.components[ref] ??
        this.maturityIn(levels, {
          components: new Map([[ref, catalogComponentOf(entity)]]),
          unrated: new Map(),
          groups: new Map(),
          children: new Map(),
          ownedBy: new Map(),
        })(ref);
      items[ref] = {
        entityRef: ref,
        title: entity.metadata.title,
        level: m.level,
        levelName: m.levelName,
      };
    });
    return { items };
  }
}
