/** A compiled `job` pattern of a deployment rule. */
export interface JobPattern {
  /** As written in config, for messages. */
  source: string;
  regex: RegExp;
  /** Whether the environment may refer to the pattern's groups (`$1`). */
  isRegex: boolean;
}

/** A config rule saying which builds are deployments and to which environment. */
export interface DeploymentRule {
  /** Absent: every job. */
  job?: JobPattern;
  /** Fixed environment, or the fallback when `parameter` has no value. */
  environment?: string;
  /** Build parameter naming the environment. */
  parameter?: string;
  /** Build parameter holding the version. */
  versionParameter?: string;
}

/** What a rule makes of a build. */
export interface DeploymentTarget {
  environment: string;
  versionParameter?: string;
}

const escapeRegex = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `/source/flags` is a regular expression; anything else a glob: whole string,
 * without case, `*` matching any characters (slashes included).
 */
export function parseJobPattern(pattern: string): JobPattern {
  const trimmed = pattern.trim();
  if (!trimmed) throw new Error('must not be empty');
  const regexLiteral = /^\/(.+)\/([a-z]*)$/.exec(trimmed);
  if (regexLiteral) {
    const [, source, flags] = regexLiteral;
    try {
      return {
        source: trimmed,
        regex: new RegExp(source, flags.replace(/[gy]/g, '')),
        isRegex: true,
      };
    } catch (error) {
      throw new Error(
        `invalid regular expression ${trimmed}: ${(error as Error).message}`,
      );
    }
  }
  const glob = trimmed.split('*').map(escapeRegex).join('.*');
  return {
    source: trimmed,
    regex: new RegExp(`^${glob}$`, 'i'),
    isRegex: false,
  };
}

/** The job's full name, else its name, if the pattern matches either. */
function matchJob(
  pattern: JobPattern,
  jobFullName: string,
): RegExpExecArray | null {
  const name = jobFullName.split('/').pop()!;
  return (
    pattern.regex.exec(jobFullName) ??
    (name !== jobFullName ? pattern.regex.exec(name) : null)
  );
}

/** Whether any build of the job could be a deployment, before reading its builds. */
export function mayDeploy(
  rules: DeploymentRule[],
  jobFullName: string,
): boolean {
  return rules.some(rule => !rule.job || matchJob(rule.job, jobFullName));
}

/** `$1`, `$2`... replaced by the groups of the job pattern's match. */
function expandGroups(template: string, match: RegExpExecArray | null) {
  return template.replace(
    /\$(\d+)/g,
    (_, n: string) => match?.[Number(n)] ?? '',
  );
}

/**
 * The environment the first applicable rule gives a build of `jobFullName` with
 * these parameters: a rule applies when its job pattern matches and it yields a
 * non-empty environment (from the parameter, else its own `environment`).
 */
export function deploymentTarget(
  rules: DeploymentRule[],
  jobFullName: string,
  parameters: Record<string, string>,
): DeploymentTarget | undefined {
  for (const rule of rules) {
    const match = rule.job ? matchJob(rule.job, jobFullName) : null;
    if (rule.job && !match) continue;
    const fromParameter = rule.parameter
      ? parameters[rule.parameter]?.trim()
      : undefined;
    const environment =
      fromParameter ||
      (rule.environment && rule.job?.isRegex
        ? expandGroups(rule.environment, match).trim()
        : rule.environment);
    if (environment) {
      return {
        environment,
        ...(rule.versionParameter
          ? { versionParameter: rule.versionParameter }
          : {}),
      };
    }
  }
  return undefined;
}
