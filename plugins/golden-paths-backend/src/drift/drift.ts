import semver from 'semver';

export const TEMPLATE_ANNOTATION = 'golden-path.acme-portal.io/template';
export const TEMPLATE_VERSION_ANNOTATION =
  'golden-path.acme-portal.io/template-version';
/** On Template entities: the version the template produces today. */
export const LATEST_VERSION_ANNOTATION = 'golden-path.acme-portal.io/version';

/** How far a component's template version is from the latest one. */
export interface VersionGap {
  /** The most significant part that differs. */
  level: 'major' | 'minor' | 'patch';
  /** How many versions of that level behind, e.g. 1.0.0 -> 1.3.0 is 3 minor. */
  count: number;
}

export type DriftStatus =
  /** On the latest version. */
  | 'current'
  /** On an older version. */
  | 'behind'
  /** Newer than the template says is latest (template not yet bumped, or a typo). */
  | 'ahead'
  /** The template is not in the catalog or has no version annotation. */
  | 'unknown-template'
  /** The component's or the template's version is not semver. */
  | 'invalid-version';

export interface ComponentDrift {
  entityRef: string;
  title?: string;
  owner?: string;
  template: string;
  version?: string;
  latestVersion?: string;
  status: DriftStatus;
  behind?: VersionGap;
}

/**
 * The gap from `version` to `latest`, semver-aware: the most significant differing part
 * and its difference. `undefined` when not behind. Both must be valid semver.
 *
 * 1.0.0 -> 1.3.0: 3 minor. 1.4.2 -> 2.0.0: 1 major. 1.2.0 -> 1.2.5: 5 patch.
 * 1.1.0-rc.1 -> 1.1.0: 1 patch (a pre-release of the same version counts as one step).
 */
export function versionGap(
  version: string,
  latest: string,
): VersionGap | undefined {
  const from = semver.parse(version);
  const to = semver.parse(latest);
  if (!from || !to) {
    throw new Error(`not semver: ${!from ? version : latest}`);
  }
  if (semver.gte(from, to)) {
    return undefined;
  }
  if (to.major !== from.major) {
    return { level: 'major', count: to.major - from.major };
  }
  if (to.minor !== from.minor) {
    return { level: 'minor', count: to.minor - from.minor };
  }
  return { level: 'patch', count: Math.max(1, to.patch - from.patch) };
}

/** Accepts `1.2`, `v1.2.0`, `'1'` as written by hand in annotations. */
export function normaliseVersion(
  value: string | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  const parsed = semver.valid(value) ?? semver.valid(semver.coerce(value));
  return parsed ?? undefined;
}

/** What the drift report is computed from: catalog entities reduced to their fields. */
export interface GoldenPathComponent {
  entityRef: string;
  title?: string;
  owner?: string;
  template: string;
  version?: string;
}

export interface GoldenPathTemplate {
  entityRef: string;
  title?: string;
  latestVersion?: string;
}

const STATUS_ORDER: Record<DriftStatus, number> = {
  behind: 0,
  'invalid-version': 1,
  'unknown-template': 2,
  ahead: 3,
  current: 4,
};
const LEVEL_ORDER = { major: 0, minor: 1, patch: 2 };

/**
 * Drift of every component against its template's latest version, furthest behind
 * first (major before minor before patch, then by count), then problems, then current.
 */
export function computeDrift(
  components: GoldenPathComponent[],
  templates: GoldenPathTemplate[],
): ComponentDrift[] {
  const latestByRef = new Map(
    templates.map(t => [t.entityRef, t.latestVersion]),
  );
  const rows = components.map((component): ComponentDrift => {
    const base = {
      entityRef: component.entityRef,
      ...(component.title ? { title: component.title } : {}),
      ...(component.owner ? { owner: component.owner } : {}),
      template: component.template,
      ...(component.version ? { version: component.version } : {}),
    };
    const latestRaw = latestByRef.get(component.template);
    if (latestRaw === undefined) {
      return { ...base, status: 'unknown-template' };
    }
    const withLatest = { ...base, latestVersion: latestRaw };
    const version = normaliseVersion(component.version);
    const latest = normaliseVersion(latestRaw);
    if (!version || !latest) {
      return { ...withLatest, status: 'invalid-version' };
    }
    const gap = versionGap(version, latest);
    if (gap) {
      return { ...withLatest, status: 'behind', behind: gap };
    }
    return {
      ...withLatest,
      status: semver.gt(version, latest) ? 'ahead' : 'current',
    };
  });
  return rows.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (a.behind && b.behind
        ? LEVEL_ORDER[a.behind.level] - LEVEL_ORDER[b.behind.level] ||
          b.behind.count - a.behind.count
        : 0) ||
      a.entityRef.localeCompare(b.entityRef),
  );
}

/** Per template: how many components use it and how many are behind. */
export interface TemplateSummary {
  entityRef: string;
  title?: string;
  latestVersion?: string;
  components: number;
  behind: number;
}

/**
 * Templates that are golden paths (they carry a version) or that some component names;
 * other templates (e.g. the create-app example) are left out.
 */
export function summariseTemplates(
  templates: GoldenPathTemplate[],
  drift: ComponentDrift[],
): TemplateSummary[] {
  return templates
    .map(template => {
      const rows = drift.filter(row => row.template === template.entityRef);
      return {
        entityRef: template.entityRef,
        ...(template.title ? { title: template.title } : {}),
        ...(template.latestVersion
          ? { latestVersion: template.latestVersion }
          : {}),
        components: rows.length,
        behind: rows.filter(row => row.status === 'behind').length,
      };
    })
    .filter(summary => summary.latestVersion || summary.components > 0)
    .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
}
