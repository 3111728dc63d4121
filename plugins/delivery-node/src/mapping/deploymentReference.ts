/**
 * Keys of an incident's structured details (an alert's custom details or extra
 * properties) that name the deployment, tried in order.
 */
export const DEPLOYMENT_DETAIL_KEYS = [
  'deployment_id',
  'deploymentId',
  'deployment',
] as const;

/**
 * The reference a text gives on a line `Deployment: <reference>` (also
 * `Deployment id:`, `deployment_id:`, `Deployment-ID:`; the first such line), as
 * incidents name the deployment that caused them. Markdown emphasis, list dashes and
 * quotes before it, backticks or `<…>` around it, and a `[text](url)` link (its URL
 * is the reference) are fine. What the reference means is the source's business.
 */
export function deploymentReferenceIn(
  text: string | null | undefined,
): string | undefined {
  const line = text?.match(
    /^[ \t>*_-]*deployment(?:[ \t_-]?id)?[*_ \t]*:[*_ \t]*(\S.*?)\s*$/im,
  );
  if (!line) return undefined;
  const value = line[1];
  const reference = (value.match(/\]\((\S+?)\)/)?.[1] ?? value)
    .replace(/^[<`]+/, '')
    .split(/[\s>`]/)[0];
  return reference || undefined;
}
