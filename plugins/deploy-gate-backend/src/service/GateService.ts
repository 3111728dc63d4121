import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  decide,
  DecisionResponse,
  deployGateOverridePermission,
  GateRulesConfig,
  RemediatedIncident,
  StoredDecision,
} from '@internal/backstage-plugin-deploy-gate-common';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { DecisionStore } from '../database/DecisionStore';
import { PolicySource } from '../policy/PolicySource';
import { ParsedDecisionRequest } from './requests';

export interface GateServiceOptions {
  catalog: CatalogService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  policies: PolicySource;
  decisions: DecisionStore;
  rules: GateRulesConfig;
  /** The delivery backend's view of a remediated incident (never throws). */
  incidents: {
    state(entityRef: string, id: string): Promise<RemediatedIncident>;
  };
  /**
   * Called with each stored decision and its entity (owner notifications); a failure
   * is logged, never fails the decision.
   */
  onDecision?: (decision: StoredDecision, entity: Entity) => Promise<void>;
}

/** Who asked, as stored: the user's entity ref or `service:<subject>`. */
export function principalName(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user') return principal.userEntityRef!;
  if (principal.type === 'service') return `service:${principal.subject}`;
  return principal.type;
}

/**
 * One gate decision: the entity must be in the catalog (404), an override must be
 * permitted (403, audited either way), the policy comes from `PolicySource` (never
 * throws because the SLO backend is down), the rules from deploy-gate-common's `decide`.
 */
export class GateService {
  constructor(private readonly options: GateServiceOptions) {}

  async authorize(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /**
   * Decides, and stores the decision unless `dryRun`. `request` is the HTTP request,
   * for the audit event of an override.
   */
  async decide(
    input: ParsedDecisionRequest,
    credentials: BackstageCredentials,
    options: { dryRun?: boolean; request?: Request } = {},
  ): Promise<DecisionResponse> {
    const { catalog, policies, rules } = this.options;
    const entity = await catalog.getEntityByRef(input.entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `entityRef: no entity ${input.entityRef} in the catalog`,
      );
    }
    const principal = principalName(credentials);
    const override = input.override
      ? await this.checkOverride(input, principal, credentials, options.request)
      : undefined;
    const [snapshot, incident] = await Promise.all([
      policies.current(input.entityRef),
      this.remediatedIncident(input),
    ]);
    const outcome = decide(
      {
        entityRef: input.entityRef,
        environment: input.environment,
        kind: input.kind ?? 'deploy',
        remediates: input.remediates,
        incident,
        override,
      },
      snapshot,
      rules,
    );
    if (options.dryRun) return outcome;

    const overridden = outcome.reasons[0]?.code === 'overridden';
    const stored: StoredDecision = {
      decisionId: randomUUID(),
      createdAt: new Date().toISOString(),
      entityRef: input.entityRef,
      environment: input.environment,
      kind: input.kind ?? 'deploy',
      decision: outcome.decision,
      reasons: outcome.reasons,
      policy: outcome.policy,
      principal,
      request: input,
      ...(overridden && override ? { override } : {}),
    };
    await this.options.decisions.record(stored);
    if (overridden) await this.audit(stored, options.request);
    await this.options
      .onDecision?.(stored, entity)
      .catch(error =>
        this.options.logger.warn(
          `Deploy gate: could not notify about decision ${stored.decisionId}: ${error.message}`,
        ),
      );
    return { ...outcome, decisionId: stored.decisionId };
  }

  /**
   * The state of the incident a production deploy claims to remediate; undefined when
   * the rules will not look at it (no claim, a rollback, another environment).
   */
  private async remediatedIncident(
    input: ParsedDecisionRequest,
  ): Promise<RemediatedIncident | undefined> {
    const { rules, incidents, logger } = this.options;
    const environment = input.environment.toLowerCase();
    if (
      !input.remediates ||
      input.kind === 'rollback' ||
      !rules.productionEnvironments.some(e => e.toLowerCase() === environment)
    ) {
      return undefined;
    }
    const incident = await incidents.state(input.entityRef, input.remediates);
    if (incident.state === 'unavailable') {
      logger.warn(
        `Incident ${input.remediates} of ${input.entityRef} could not be checked, trusting the remediation: ${incident.error}`,
      );
    }
    return incident;
  }

  /** 403 without `deploy-gate.override`; a refused attempt is audited too. */
  private async checkOverride(
    input: ParsedDecisionRequest,
    principal: string,
    credentials: BackstageCredentials,
    request?: Request,
  ): Promise<{ by: string; reason: string }> {
    if (await this.authorize(deployGateOverridePermission, credentials)) {
      return { by: principal, reason: input.override!.reason };
    }
    const error = new NotAllowedError(
      `override: not allowed (${deployGateOverridePermission.name})`,
    );
    const event = await this.options.auditor.createEvent({
      eventId: 'deploy-override',
      severityLevel: 'high',
      request,
      meta: {
        entityRef: input.entityRef,
        environment: input.environment,
        reason: input.override!.reason,
      },
    });
    await event.fail({ error });
    throw error;
  }

  private async audit(stored: StoredDecision, request?: Request) {
    const meta = {
      decisionId: stored.decisionId,
      entityRef: stored.entityRef,
      environment: stored.environment,
      version: stored.request.version ?? null,
      overriddenBy: stored.override!.by,
      reason: stored.override!.reason,
    };
    const event = await this.options.auditor.createEvent({
      eventId: 'deploy-override',
      severityLevel: 'high',
      request,
      meta,
    });
    await event.success();
    this.options.logger.info(
      `Deploy gate overridden for ${stored.entityRef} (${stored.environment}) by ${meta.overriddenBy}: ${meta.reason}`,
    );
  }
}
