/**
 * The GitLab CI include `ci/gitlab/deploy-gate.gitlab-ci.yml`, rendered from `ci/gate.sh`
 * so that the script exists once: the include's job writes it out and runs it. The
 * committed file is checked against this rendering (gitlabInclude.test.ts).
 */

/** The heredoc delimiter the include writes the script with; never a line of it. */
export const SCRIPT_DELIMITER = 'DEPLOY_GATE_SH';

/** The exit code of a warn in the include's job, which GitLab shows as a warning. */
export const GITLAB_WARN_EXIT_CODE = 78;

const header = `# Deploy gate for GitLab CI: a job that asks the Backstage deploy gate before a deploy
# and fails on deny. Generated from ../gate.sh (plugins/deploy-gate-common): do not edit;
# after a change to gate.sh run
#   UPDATE_GITLAB_INCLUDE=1 yarn backstage-cli repo test plugins/deploy-gate-common --watchAll=false
#
# Use (plugins/deploy-gate-common/README.md):
#   include:
#     - remote: https://git.example.com/platform/backstage/-/raw/main/plugins/deploy-gate-common/ci/gitlab/deploy-gate.gitlab-ci.yml
#   deploy-gate:
#     extends: .deploy-gate
#     stage: deploy
#     variables:
#       DEPLOY_GATE_ENTITY_REF: component:default/checkout
#   deploy:
#     stage: deploy
#     needs: [deploy-gate]
# CI/CD variables: DEPLOY_GATE_URL (https://portal.example.com/api/deploy-gate) or
# BACKSTAGE_URL, and DEPLOY_GATE_TOKEN (masked; an external-access static token).
# allow: the job passes; warn: it passes with a warning (exit ${GITLAB_WARN_EXIT_CODE}, allowed), reasons in
# its log; deny: it fails and the deploy job does not run; no answer from the portal:
# passes with a warning and a loud message, unless DEPLOY_GATE_UNREACHABLE is fail.
`;

/** The include's YAML for the given gate script. */
export function renderGitlabInclude(script: string): string {
  const lines = script.replace(/\n$/, '').split('\n');
  if (lines.includes(SCRIPT_DELIMITER)) {
    throw new Error(`gate.sh has a line ${SCRIPT_DELIMITER}`);
  }
  if (lines.some(line => /^\t/.test(line))) {
    throw new Error(
      'gate.sh indents with a tab: YAML block scalars cannot hold it',
    );
  }
  const indent = (line: string) => (line === '' ? '' : `      ${line}`);
  return [
    header.trimEnd(),
    '.deploy-gate:',
    '  image:',
    '    name: curlimages/curl:8.11.1',
    "    entrypoint: ['']",
    '  variables:',
    '    DEPLOY_GATE_ENVIRONMENT: production',
    `    DEPLOY_GATE_WARN_EXIT_CODE: '${GITLAB_WARN_EXIT_CODE}'`,
    '  allow_failure:',
    `    exit_codes: [${GITLAB_WARN_EXIT_CODE}]`,
    '  script:',
    '    - |',
    `      cat > "\${TMPDIR:-/tmp}/deploy-gate.sh" <<'${SCRIPT_DELIMITER}'`,
    ...lines.map(indent),
    `      ${SCRIPT_DELIMITER}`,
    '      sh "${TMPDIR:-/tmp}/deploy-gate.sh"',
    '',
  ].join('\n');
}
