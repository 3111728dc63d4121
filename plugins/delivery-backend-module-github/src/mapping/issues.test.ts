import { incidentEventSchema } from '@internal/backstage-plugin-delivery-common';
import { examplesOf, withLabels } from '../__testUtils__/examples';
import {
  componentOf,
  deploymentIdFromBody,
  mapIssue,
  MappedIncident,
  severityOf,
} from './issues';

/*
 * GitHub's examples, all on Codertocat/Hello-World issue #1 (created
 * 2019-05-15T15:20:18Z, label "bug"): [0] edited, [4] deleted (closed
 * 2021-07-05T18:07:10Z, created 2021-07-05T18:05:24Z), [5] demilestoned on pull
 * request #2, [9] labeled "bug", [15] opened, [16] opened with a null body,
 * [20] reopened (still carrying the closed_at of its closing), [24] unlabeled "bug".
 */
const examples = examplesOf('issues');
const repository = {
  fullName: 'Codertocat/Hello-World',
  htmlUrl: 'https://github.com/Codertocat/Hello-World',
};

const mapped = (payload: unknown, label = 'incident') =>
  mapIssue(payload, label) as MappedIncident;

/** The example of `index` with `labels` added to its issue and `body` as its body. */
const example = (index: number, labels: string[], body?: string) => {
  const payload = withLabels(examplesOf('issues')[index], labels);
  if (body !== undefined) payload.issue.body = body;
  return payload;
};

describe('mapIssue', () => {
  it('maps an opened issue carrying the label, compared without case', () => {
    const result = mapped(examples[15], 'BUG');
    expect(result.repository).toEqual(repository);
    expect(result.components).toEqual([]);
    expect(result.incident).toEqual({
      kind: 'incident',
      source: 'github',
      id: 'Codertocat/Hello-World/issues/1',
      title: 'Spelling error in the README file',
      severity: undefined,
      openedAt: '2019-05-15T15:20:18Z',
      resolvedAt: undefined,
      // The body names no deployment.
      deploymentId: undefined,
      url: 'https://github.com/Codertocat/Hello-World/issues/1',
    });
    expect(
      incidentEventSchema.safeParse({
        ...result.incident,
        entityRef: 'component:default/hello-world',
      }).success,
    ).toBe(true);
  });

  it('maps the same issue to the same id whatever the action', () => {
    for (const index of [0, 9, 15, 16, 20]) {
      expect(mapped(examples[index], 'bug').incident.id).toBe(
        'Codertocat/Hello-World/issues/1',
      );
    }
  });

  it('resolves a closed issue at closed_at', () => {
    const payload = example(4, ['Incident']);
    payload.action = 'closed' as never;
    expect(mapped(payload).incident).toMatchObject({
      openedAt: '2021-07-05T18:05:24Z',
      resolvedAt: '2021-07-05T18:07:10Z',
    });
  });

  it('leaves a reopened issue unresolved, though GitHub keeps its closed_at', () => {
    const payload = example(20, ['incident']);
    expect(payload.issue.closed_at).toBe('2021-07-05T18:07:10Z');
    const { incident } = mapped(payload);
    expect(incident.openedAt).toBe('2021-07-05T18:05:24Z');
    expect(incident.resolvedAt).toBeUndefined();
  });

  it('never resolves before it opened', () => {
    const payload = example(4, ['incident']);
    payload.action = 'closed' as never;
    payload.issue.closed_at = '2021-07-05T18:00:00Z';
    expect(mapped(payload).incident.resolvedAt).toBe('2021-07-05T18:05:24Z');
  });

  it('takes severity and components from labels', () => {
    const result = mapped(
      example(15, ['incident', 'Severity:High', 'component:Web', 'sev2']),
    );
    expect(result.incident.severity).toBe('high');
    expect(result.components).toEqual(['web']);
  });

  it('takes the deployment from a "Deployment:" line of the body', () => {
    const result = mapped(
      example(
        15,
        ['incident'],
        'Checkout fails.\r\n\r\n**Deployment:** https://github.com/codertocat/hello-world/actions/runs/30433642/attempts/2\r\n',
      ),
    );
    expect(result.incident.deploymentId).toBe(
      'Codertocat/Hello-World/runs/30433642',
    );
  });

  it('skips issues without the label, and unlabeled deliveries that removed it', () => {
    expect(mapIssue(examples[15], 'incident')).toEqual({
      skipped: 'issue #1 does not carry label incident',
    });
    // GitHub's unlabeled example still lists the label it removed.
    expect(mapIssue(examples[24], 'Bug')).toEqual({
      skipped: 'issue #1 does not carry label Bug',
    });
    const otherRemoved = example(24, ['incident']);
    expect(mapped(otherRemoved).incident.id).toBe(
      'Codertocat/Hello-World/issues/1',
    );
  });

  it('skips pull requests, actions that change nothing and other payloads', () => {
    const pull = example(5, ['incident']);
    pull.action = 'labeled' as never;
    expect(mapIssue(pull, 'incident')).toEqual({
      skipped: '#2 is a pull request',
    });
    expect(mapIssue(example(4, ['incident']), 'incident')).toEqual({
      skipped: 'issues action deleted is not mapped',
    });
    expect(mapIssue(examples[11], 'bug')).toEqual({
      skipped: 'issues action locked is not mapped',
    });
    const [status] = examplesOf('deployment_status');
    expect(mapIssue(status, 'incident')).toEqual({
      skipped: expect.stringMatching(/^not an issues payload: /),
    });
  });

  it('reads an issue as the REST API returns it, labels as plain names included', () => {
    const { issue } = examplesOf('issues')[15];
    const result = mapped({
      action: 'opened',
      issue: { ...issue, labels: ['Incident', { name: 'sev1' }] },
      repository: examples[15].repository,
    });
    expect(result.incident.severity).toBe('sev1');
  });
});

describe('severityOf', () => {
  it.each([
    ['severity:high', 'high'],
    ['Severity: Critical', 'critical'],
    ['severity/low', 'low'],
    ['sev1', 'sev1'],
    ['SEV-2', 'sev2'],
    ['sev:3', 'sev3'],
    ['severe', undefined],
    ['incident', undefined],
  ])('%s gives %s', (label, severity) => {
    expect(severityOf(label)).toBe(severity);
  });
});

describe('componentOf', () => {
  it.each([
    ['component:web', 'web'],
    ['Component/Checkout-API', 'checkout-api'],
    ['component:default/web', 'default/web'],
    ['components', undefined],
  ])('%s names %s', (label, name) => {
    expect(componentOf(label)).toBe(name);
  });
});

describe('deploymentIdFromBody', () => {
  const id = (body: string | null) => deploymentIdFromBody(body, repository);

  it.each([
    // Workflow run URLs, web and API, to the module's run ids.
    [
      'Deployment: https://github.com/Codertocat/Hello-World/actions/runs/289782451',
      'Codertocat/Hello-World/runs/289782451',
    ],
    [
      'deployment: https://github.com/Codertocat/Hello-World/actions/runs/289782451/job/123',
      'Codertocat/Hello-World/runs/289782451',
    ],
    [
      'Deployment: https://api.github.com/repos/Codertocat/Hello-World/actions/runs/289782451',
      'Codertocat/Hello-World/runs/289782451',
    ],
    // Deployment API URLs (the `url` of a deployment), also on GitHub Enterprise.
    [
      'Deployment: https://api.github.com/repos/Codertocat/Hello-World/deployments/145988746',
      'Codertocat/Hello-World/deployments/145988746',
    ],
    [
      'Deployment: https://ghe.acme.test/api/v3/repos/acme/shop/deployments/7/statuses',
      'acme/shop/deployments/7',
    ],
    // Stored ids, full or relative to the issue's repository.
    [
      'Deployment: octo-org/octo-repo/runs/289782451',
      'octo-org/octo-repo/runs/289782451',
    ],
    [
      'Deployment: deployments/145988746',
      'Codertocat/Hello-World/deployments/145988746',
    ],
    ['Deployment: runs/42', 'Codertocat/Hello-World/runs/42'],
    // The other spellings every source reads.
    ['Deployment id: runs/43', 'Codertocat/Hello-World/runs/43'],
    // Markdown around it.
    [
      '- **Deployment**: `codertocat/hello-world/deployments/1`',
      'Codertocat/Hello-World/deployments/1',
    ],
    [
      '> Deployment: [the run](https://github.com/Codertocat/Hello-World/actions/runs/5)',
      'Codertocat/Hello-World/runs/5',
    ],
    [
      'Deployment: <https://github.com/Codertocat/Hello-World/actions/runs/6> (second try)',
      'Codertocat/Hello-World/runs/6',
    ],
  ])('%s names %s', (body, expected) => {
    expect(id(`What happened.\n\n${body}\nMore text.`)).toBe(expected);
  });

  it.each([
    // A web /runs/<id> is a job, not a workflow run.
    'Deployment: https://github.com/Codertocat/Hello-World/runs/145988746?check_suite_focus=true',
    'Deployment: https://github.com/Codertocat/Hello-World/pull/2',
    'Deployment: https://github.com/deployments/3',
    'Deployment: last Tuesday',
    'Deployment:\nCodertocat/Hello-World/runs/5',
    'Deployments: runs/5',
    'See https://github.com/Codertocat/Hello-World/actions/runs/5',
  ])('finds no deployment in %j', body => {
    expect(id(body)).toBeUndefined();
  });

  it('reads the first Deployment line only, and nothing from an empty body', () => {
    expect(id('Deployment: runs/1\nDeployment: runs/2')).toBe(
      'Codertocat/Hello-World/runs/1',
    );
    expect(id(null)).toBeUndefined();
    expect(id('')).toBeUndefined();
  });
});
