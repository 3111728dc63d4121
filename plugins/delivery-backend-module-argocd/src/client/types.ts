import { z } from 'zod';

/*
 * The parts of Argo CD's API objects this module reads, as its swagger
 * (https://github.com/argoproj/argo-cd/blob/master/assets/swagger.json) and Go types
 * (pkg/apis/application/v1alpha1/types.go) define them. Go writes absent optional
 * fields as missing or null; unknown fields are dropped.
 */

// metav1.Time: RFC 3339 in UTC, e.g. 2024-05-14T09:12:03Z.
const time = z.iso.datetime({ offset: true });

/** v1alpha1ApplicationSource: a Helm repository source has `chart`, a Git one does not. */
export const applicationSourceSchema = z.object({
  repoURL: z.string().nullish(),
  path: z.string().nullish(),
  chart: z.string().nullish(),
  targetRevision: z.string().nullish(),
});

/** v1alpha1OperationInitiator: who started a sync (a user), or that automation did. */
export const operationInitiatorSchema = z
  .object({
    username: z.string().nullish(),
    automated: z.boolean().nullish(),
  })
  .nullish();

/** v1alpha1RevisionHistory: one successful sync. */
export const revisionHistorySchema = z.object({
  id: z.number().int(),
  revision: z.string().nullish(),
  revisions: z.array(z.string()).nullish(),
  source: applicationSourceSchema.nullish(),
  sources: z.array(applicationSourceSchema).nullish(),
  deployedAt: time,
  deployStartedAt: time.nullish(),
  initiatedBy: operationInitiatorSchema,
});

/** v1alpha1OperationState: the latest (or running) operation. */
export const operationStateSchema = z.object({
  operation: z
    .object({
      sync: z
        .object({
          revision: z.string().nullish(),
          revisions: z.array(z.string()).nullish(),
          dryRun: z.boolean().nullish(),
          resources: z.array(z.unknown()).nullish(),
        })
        .nullish(),
      initiatedBy: operationInitiatorSchema,
    })
    .nullish(),
  phase: z.string().min(1),
  message: z.string().nullish(),
  startedAt: time,
  finishedAt: time.nullish(),
  syncResult: z
    .object({
      revision: z.string().nullish(),
      revisions: z.array(z.string()).nullish(),
      source: applicationSourceSchema.nullish(),
      sources: z.array(applicationSourceSchema).nullish(),
    })
    .nullish(),
});

/** v1alpha1ResourceStatus: one resource the application manages. */
export const resourceStatusSchema = z.object({
  group: z.string().nullish(),
  version: z.string().nullish(),
  kind: z.string().nullish(),
  namespace: z.string().nullish(),
  name: z.string().nullish(),
});

/** v1alpha1Application, the fields a deployment is built from. */
export const applicationSchema = z.object({
  metadata: z.object({
    name: z.string().min(1),
    namespace: z.string().min(1),
    labels: z.record(z.string(), z.string()).nullish(),
  }),
  spec: z.object({
    project: z.string().nullish(),
    destination: z
      .object({
        server: z.string().nullish(),
        name: z.string().nullish(),
        namespace: z.string().nullish(),
      })
      .nullish(),
  }),
  status: z
    .object({
      history: z.array(revisionHistorySchema).nullish(),
      operationState: operationStateSchema.nullish(),
      // The resources Argo CD manages for the application (Rollouts among them).
      resources: z.array(resourceStatusSchema).nullish(),
    })
    .nullish(),
});

/** v1alpha1ApplicationList; each item is validated on its own. */
export const applicationListSchema = z.object({
  items: z.array(z.unknown()).nullish(),
});

/** v1alpha1RevisionMetadata, from `.../revisions/{revision}/metadata`. */
export const revisionMetadataSchema = z.object({
  author: z.string().nullish(),
  // The commit's author date (git %at), in UTC.
  date: time,
  message: z.string().nullish(),
});

/** v1alpha1ResourceNode: a resource of the application's tree, or a child of one. */
export const resourceNodeSchema = z.object({
  group: z.string().nullish(),
  version: z.string().nullish(),
  kind: z.string().nullish(),
  namespace: z.string().nullish(),
  name: z.string().nullish(),
  uid: z.string().nullish(),
  parentRefs: z
    .array(
      z.object({
        group: z.string().nullish(),
        kind: z.string().nullish(),
        namespace: z.string().nullish(),
        name: z.string().nullish(),
      }),
    )
    .nullish(),
  createdAt: time.nullish(),
});

/** v1alpha1ApplicationTree, from `.../resource-tree`; nodes are validated one by one. */
export const applicationTreeSchema = z.object({
  nodes: z.array(z.unknown()).nullish(),
});

/** applicationApplicationResourceResponse: the live object, as a JSON string. */
export const resourceResponseSchema = z.object({ manifest: z.string() });

/** `POST /api/v1/session` answer. */
export const sessionSchema = z.object({ token: z.string().min(1) });

export type ApplicationSource = z.infer<typeof applicationSourceSchema>;
export type OperationInitiator = z.infer<typeof operationInitiatorSchema>;
export type RevisionHistory = z.infer<typeof revisionHistorySchema>;
export type OperationState = z.infer<typeof operationStateSchema>;
export type Application = z.infer<typeof applicationSchema>;
export type RevisionMetadata = z.infer<typeof revisionMetadataSchema>;
export type ResourceStatus = z.infer<typeof resourceStatusSchema>;
export type ResourceNode = z.infer<typeof resourceNodeSchema>;
