import { deploymentReferenceIn } from './deploymentReference';

describe('deploymentReferenceIn', () => {
  it.each([
    ['Deployment: acme/shop/runs/42', 'acme/shop/runs/42'],
    ['deployment: runs/42', 'runs/42'],
    // Markdown emphasis, list dashes and quotes before it; backticks, <…> around it.
    [
      'Checkout fails.\n**Deployment:** `acme/shop/runs/42` (rolled back)\nDeployment: other',
      'acme/shop/runs/42',
    ],
    ['- **Deployment**: `acme/shop/deployments/1`', 'acme/shop/deployments/1'],
    [
      '> Deployment: <https://example.com/runs/6> (second try)',
      'https://example.com/runs/6',
    ],
    ['Latency up.\n**Deployment:** `argocd/shop/41`', 'argocd/shop/41'],
    // The id spellings incidents use.
    ['- deployment id: <argocd/shop/17>', 'argocd/shop/17'],
    ['deployment_id: gitlab-123', 'gitlab-123'],
    ['Deployment-ID: 9', '9'],
    // A markdown link: its URL.
    [
      '> Deployment: [the run](https://github.com/acme/shop/actions/runs/5)',
      'https://github.com/acme/shop/actions/runs/5',
    ],
    [
      'Checkout fails.\r\n\r\n**Deployment:** https://x.test/runs/1\r\n',
      'https://x.test/runs/1',
    ],
    // The first such line only.
    ['Deployment: runs/1\nDeployment: runs/2', 'runs/1'],
    ['Deployment: last Tuesday', 'last'],
  ])('finds the reference in %j', (text, reference) => {
    expect(deploymentReferenceIn(text)).toBe(reference);
  });

  it.each([
    'Deployment failed: see logs',
    'After the deployment: outage',
    'Deployments: runs/5',
    'Deployment:\nacme/shop/runs/5',
    'Deployment:   ',
    '',
  ])('finds none in %j', text => {
    expect(deploymentReferenceIn(text)).toBe(undefined);
  });

  it('finds none without a text', () => {
    expect(deploymentReferenceIn(undefined)).toBe(undefined);
    expect(deploymentReferenceIn(null)).toBe(undefined);
  });
});
