import { RepoComponent } from '../matching/repositories';

/** A component on a repository, claiming nothing more unless `claims` says so. */
export const repoComponent = (
  name: string,
  claims: Partial<Omit<RepoComponent, 'entityRef'>> = {},
): RepoComponent => ({
  entityRef: `component:default/${name}`,
  paths: [],
  environments: [],
  workflows: [],
  ...claims,
});
