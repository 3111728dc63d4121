import type { DeploymentEvent } from '@internal/backstage-plugin-delivery-common';

/** A GitHub repository as webhook payloads name it. */
export interface GithubRepository {
  /** `owner/name`, as GitHub spells it. */
  fullName: string;
  /** e.g. `https://github.com/owner/name`; also picks the integration (host). */
  htmlUrl: string;
}

/** The workflow behind a run or a deployment, when GitHub Actions is involved. */
export interface WorkflowRef {
  name: string;
  /** e.g. `.github/workflows/deploy.yml` */
  path?: string;
}

/** A deployment before a catalog entity is assigned to it. */
export type DeploymentDraft = Omit<DeploymentEvent, 'entityRef'>;

/** What one webhook delivery says about a deployment. */
export interface MappedDeployment {
  deployment: DeploymentDraft;
  repository: GithubRepository;
  /** The deployed commit. */
  sha: string;
  workflow?: WorkflowRef;
}

/** Either a deployment, or why the delivery is not one (logged, not reported). */
export type MappingResult = MappedDeployment | { skipped: string };
