import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  ReaderFactory,
  urlReaderFactoriesServiceRef,
} from '@backstage/backend-defaults/urlReader';
import { GitRemotePolicy } from './gitRemotes';
import { GitRemoteUrlReader } from './GitRemoteUrlReader';

/** The git+ URL reader for the URL reader service of every plugin. */
export const gitRemoteReaderFactory: ReaderFactory = ({ config, logger }) => [
  {
    reader: new GitRemoteUrlReader(GitRemotePolicy.fromConfig(config), logger),
    predicate: GitRemoteUrlReader.predicate,
  },
];

/**
 * Adds the `git+<remote>#<ref>:<path>` URL reader, so the catalog reads the components
 * `golden-paths:publish:git` published: `backend.add(gitRemoteUrlReader)`.
 *
 * @public
 */
export const gitRemoteUrlReader = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: {},
  async factory() {
    return gitRemoteReaderFactory;
  },
});
