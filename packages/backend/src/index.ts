/*
 * Hi!
 *
 * Note that this is an EXAMPLE Backstage backend. Please check the README.
 *
 * Happy hacking!
 */

import { createBackend } from '@backstage/backend-defaults';
import { gitRemoteUrlReader } from '@internal/backstage-plugin-git-remote-node';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
// publish:gitlab for the golden-path templates' "Publish to: GitLab" (integrations.gitlab)
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// See https://backstage.io/docs/permissions/getting-started for how to create your own permission policy
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// events plugin: webhook endpoints (/api/events/http/<topic>) and the GitHub
// signature check (events.modules.github.webhookSecret)
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-events-backend-module-github'));

// delivery: deployments, incidents and DORA figures, and their sources
backend.add(import('@internal/backstage-plugin-delivery-backend'));
backend.add(
  import('@internal/backstage-plugin-delivery-backend-module-github'),
);
backend.add(
  import('@internal/backstage-plugin-delivery-backend-module-gitlab'),
);
// Checks X-Gitlab-Token (events.modules.gitlab.webhookSecret) on /api/events/http/gitlab.
backend.add(import('@backstage/plugin-events-backend-module-gitlab'));
backend.add(
  import('@internal/backstage-plugin-delivery-backend-module-jenkins'),
);
backend.add(
  import('@internal/backstage-plugin-delivery-backend-module-argocd'),
);
// Serves /api/events/http/argocd and /api/events/http/argo-rollouts (Argo Rollouts'
// notifications), checking their shared secrets.
backend.add(import('@internal/backstage-plugin-events-backend-module-argocd'));
backend.add(
  import('@internal/backstage-plugin-delivery-backend-module-pagerduty'),
);
// Serves /api/events/http/pagerduty, checking the signature and replay window.
backend.add(
  import('@internal/backstage-plugin-events-backend-module-pagerduty'),
);
backend.add(
  import('@internal/backstage-plugin-delivery-backend-module-opsgenie'),
);
// Serves /api/events/http/opsgenie, checking the shared token.
backend.add(
  import('@internal/backstage-plugin-events-backend-module-opsgenie'),
);
// Feature-flag releases: LaunchDarkly, Unleash and Flagsmith webhooks, each off
// (listed as disabled in /api/delivery/sources) until its delivery.<tool>.webhook.secrets
// is set. Serve /api/events/http/{launchdarkly,unleash,flagsmith}, checking the
// signature or the Authorization header.
backend.add(
  import('@internal/backstage-plugin-delivery-backend-module-launchdarkly'),
);
backend.add(
  import('@internal/backstage-plugin-events-backend-module-launchdarkly'),
);
backend.add(
  import('@internal/backstage-plugin-delivery-backend-module-unleash'),
);
backend.add(import('@internal/backstage-plugin-events-backend-module-unleash'));
backend.add(
  import('@internal/backstage-plugin-delivery-backend-module-flagsmith'),
);
backend.add(
  import('@internal/backstage-plugin-events-backend-module-flagsmith'),
);

// golden paths: scaffolder actions of the templates in templates/ (publish to any
// git remote too), the git+ URL reader the catalog reads those repositories with,
// and the template drift report (GET /api/golden-paths/drift)
backend.add(
  import('@internal/backstage-plugin-scaffolder-backend-module-golden-paths'),
);
backend.add(gitRemoteUrlReader);
backend.add(import('@internal/backstage-plugin-golden-paths-backend'));

// SLOs and error budgets: objectives from slo.acme-portal.io/* annotations
backend.add(import('@internal/backstage-plugin-slo-backend'));
// Prometheus/Thanos/Mimir metric sources (slo.prometheus.instances; none by default)
backend.add(import('@internal/backstage-plugin-slo-backend-module-prometheus'));

// Deploy gate: allow/warn/deny per deploy from the error budget policy
// (POST /api/deploy-gate/decisions; deployGate.* in plugins/deploy-gate-backend/config.d.ts)
backend.add(import('@internal/backstage-plugin-deploy-gate-backend'));
// GitHub custom deployment protection rules answered by the gate (the GitHub App's
// deployment_protection_rule webhook on /api/events/http/github; deployGate.github.*)
backend.add(
  import('@internal/backstage-plugin-deploy-gate-backend-module-github'),
);

// Delivery maturity: levels from evidence per component, team and organisation,
// initiatives (maturity.* in plugins/maturity-backend/config.d.ts), and the fact
// providers reading the delivery, SLO, golden-path and deploy-gate backends
backend.add(import('@internal/backstage-plugin-maturity-backend'));
backend.add(
  import('@internal/backstage-plugin-maturity-backend-module-delivery'),
);
backend.add(import('@internal/backstage-plugin-maturity-backend-module-slo'));
backend.add(
  import('@internal/backstage-plugin-maturity-backend-module-golden-paths'),
);
backend.add(
  import('@internal/backstage-plugin-maturity-backend-module-deploy-gate'),
);

backend.start();
