import { EVENT_LIMITS } from '@internal/backstage-plugin-delivery-common';
import { DateTime } from 'luxon';
import { DeployedCommit } from '../mapping/application';
import { ArgocdClient } from './client';

/** A deployed commit as the normalised schema records it. */
export interface CommitDetails {
  sha: string;
  committedAt: string;
  author?: string;
  message?: string;
}

export type CommitLookupResult = { commit: CommitDetails } | { error: string };

/** Looks a deployed commit up through the application's revision metadata. */
export type CommitLookup = (
  client: ArgocdClient,
  app: { name: string; namespace: string; project?: string },
  commit: DeployedCommit,
) => Promise<CommitLookupResult>;

/** Commits never change: remember this many, as every pull sees the same ones again. */
const CACHE_SIZE = 1000;
// The normalised schema's limits.
const MAX_AUTHOR = EVENT_LIMITS.commitAuthor;
const MAX_MESSAGE = EVENT_LIMITS.commitMessage;

/** `Jane Doe <jane@example.com>` (git's `%an <%ae>`) → `Jane Doe`. */
export function authorName(author: string): string {
  return author.replace(/\s*<[^>]*>\s*$/, '').trim();
}

/**
 * A commit lookup with a cache. Argo CD's repo server answers with the commit's
 * author date (git `%at`), which is when the change was written: for a rebased or
 * squash-merged commit that can be earlier than when it landed, so lead times read
 * from it are upper bounds. Never throws: a failure is an `{ error }`.
 */
export function createCommitLookup(): CommitLookup {
  const cache = new Map<string, CommitDetails>();
  return async (client, app, { sha, sourceIndex }) => {
    const key = `${client.instance.name}/${app.namespace}/${app.name}@${sha}#${
      sourceIndex ?? ''
    }`;
    const cached = cache.get(key);
    if (cached) return { commit: cached };
    try {
      const metadata = await client.getRevisionMetadata(app, sha, sourceIndex);
      const author = metadata.author ? authorName(metadata.author) : '';
      const commit: CommitDetails = {
        sha,
        committedAt: DateTime.fromISO(metadata.date, { setZone: true })
          .toUTC()
          .toISO()!,
        ...(author ? { author: author.slice(0, MAX_AUTHOR) } : {}),
        ...(metadata.message
          ? { message: metadata.message.slice(0, MAX_MESSAGE) }
          : {}),
      };
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(key, commit);
      return { commit };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
}
