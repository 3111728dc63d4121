/** The golden-paths backend's `GET /drift` answer (plugins/golden-paths-backend). */
export type DriftStatus =
  | 'current'
  | 'behind'
  | 'ahead'
  | 'unknown-template'
  | 'invalid-version';

export interface ComponentDrift {
  entityRef: string;
  title?: string;
  owner?: string;
  template: string;
  version?: string;
  latestVersion?: string;
  status: DriftStatus;
  behind?: { level: 'major' | 'minor' | 'patch'; count: number };
}

export interface TemplateSummary {
  entityRef: string;
  title?: string;
  latestVersion?: string;
  components: number;
  behind: number;
}

export interface DriftReport {
  generatedAt: string;
  /** When the catalog was read; older than generatedAt when stale. */
  readAt?: string;
  /** The catalog could not be read: this is the caller's last good read. */
  stale?: boolean;
  templates: TemplateSummary[];
  components: ComponentDrift[];
}

export interface GoldenPathsApi {
  getDrift(request?: {
    entityRefs?: string[];
    /** Components owned by these groups (the backend's `owner` filter). */
    owners?: string[];
  }): Promise<DriftReport>;
}
