import { z } from 'zod';

/*
 * The parts of GitLab REST API answers this module reads, from
 * https://docs.gitlab.com/api/projects/, /api/deployments/, /api/pipelines/,
 * /api/commits/, /api/merge_requests/ and /api/notes/. Validated so that an unexpected answer fails with the field named
 * instead of storing nonsense.
 */

export const apiProjectSchema = z.object({
  id: z.number().int(),
  path_with_namespace: z.string().min(1),
  web_url: z.string().min(1),
});

export type ApiProject = z.infer<typeof apiProjectSchema>;

export const apiCommitSchema = z.object({
  id: z.string().min(1),
  title: z.string().nullish(),
  message: z.string().nullish(),
  author_name: z.string().nullish(),
  /** Absent from older answers; `created_at` is always the committed date. */
  committed_date: z.string().nullish(),
  /** When the change was written; kept through rebases. */
  authored_date: z.string().nullish(),
  created_at: z.string().nullish(),
});

export type ApiCommit = z.infer<typeof apiCommitSchema>;

/** Who started a deployment or pipeline. */
export const apiUserSchema = z
  .object({ username: z.string().min(1) })
  .nullish();

export const apiDeploymentSchema = z.object({
  id: z.number().int(),
  iid: z.number().int().nullish(),
  ref: z.string(),
  sha: z.string().min(1),
  created_at: z.string().min(1),
  updated_at: z.string().nullish(),
  /** Sent by newer GitLab versions. */
  finished_at: z.string().nullish(),
  status: z.string().min(1),
  user: apiUserSchema,
  environment: z.object({ id: z.number().int(), name: z.string().min(1) }),
  /** The job that ran the deployment; null for deployments made through the API. */
  deployable: z
    .object({
      id: z.number().int(),
      tag: z.boolean().nullish(),
      started_at: z.string().nullish(),
      finished_at: z.string().nullish(),
      web_url: z.string().nullish(),
      commit: apiCommitSchema.nullish(),
    })
    .nullish(),
});

export type ApiDeployment = z.infer<typeof apiDeploymentSchema>;

/** An item of `GET /projects/:id/pipelines`. */
export const apiPipelineSchema = z.object({
  id: z.number().int(),
  sha: z.string().min(1),
  ref: z.string().min(1),
  status: z.string().min(1),
  source: z.string().nullish(),
  /** `workflow:name`; in answers since GitLab 16.3. */
  name: z.string().nullish(),
  created_at: z.string().min(1),
  updated_at: z.string().nullish(),
  web_url: z.string().nullish(),
});

export type ApiPipeline = z.infer<typeof apiPipelineSchema>;

/** `GET /projects/:id/pipelines/:pipeline_id`: the list item plus timing and tag. */
export const apiPipelineDetailSchema = apiPipelineSchema.extend({
  tag: z.boolean().nullish(),
  user: apiUserSchema,
  started_at: z.string().nullish(),
  finished_at: z.string().nullish(),
});

export type ApiPipelineDetail = z.infer<typeof apiPipelineDetailSchema>;

/** A merge request as "Get single MR" and "List project merge requests" answer it. */
export const apiMergeRequestSchema = z.object({
  /** Global id, as webhooks send it (`object_attributes.id`). */
  id: z.number().int(),
  /** Per project, as the merge request endpoints address it. */
  iid: z.number().int(),
  title: z.string().nullish(),
  state: z.string().min(1),
  created_at: z.string().min(1),
  updated_at: z.string().nullish(),
  merged_at: z.string().nullish(),
  closed_at: z.string().nullish(),
  author: z.object({ id: z.number().int(), username: z.string() }).nullish(),
  web_url: z.string().nullish(),
  draft: z.boolean().nullish(),
  /** Replaced by `draft` (GitLab 13.x and older send only this). */
  work_in_progress: z.boolean().nullish(),
  squash: z.boolean().nullish(),
  merge_commit_sha: z.string().nullish(),
  squash_commit_sha: z.string().nullish(),
  /**
   * Files changed, as a string: `"1000+"` past GitLab's limit, empty or absent
   * until GitLab has computed the diff (single MR only).
   */
  changes_count: z.string().nullish(),
});

export type ApiMergeRequest = z.infer<typeof apiMergeRequestSchema>;

/** A note (comment, or a system note such as an approval) of a merge request. */
export const apiNoteSchema = z.object({
  id: z.number().int(),
  body: z.string().nullish(),
  author: z.object({ id: z.number().int(), username: z.string().nullish() }),
  created_at: z.string().min(1),
  /** GitLab's own notes: `approved this merge request`, `added 1 commit`, ... */
  system: z.boolean().nullish(),
});

export type ApiNote = z.infer<typeof apiNoteSchema>;

/** One file of "List merge request diffs". */
export const apiDiffSchema = z.object({
  old_path: z.string(),
  new_path: z.string(),
  /** Unified diff hunks without file headers; empty for binary or too large files. */
  diff: z.string().nullish(),
  /** Sent when GitLab left the diff out (over its diff limits). */
  too_large: z.boolean().nullish(),
  collapsed: z.boolean().nullish(),
});

export type ApiDiff = z.infer<typeof apiDiffSchema>;
