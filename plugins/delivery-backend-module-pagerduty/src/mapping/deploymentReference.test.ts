import { alert, note } from '../__testUtils__/pagerdutyExamples';
import {
  deploymentIdFromDetails,
  deploymentIdFromText,
  deploymentIdOf,
} from './deploymentReference';

describe('deploymentIdFromText', () => {
  it('reads the first Deployment line, with markdown around it', () => {
    expect(
      deploymentIdFromText(
        'Checkout fails.\n**Deployment:** `acme/shop/runs/42` (rolled back)\nDeployment: other',
      ),
    ).toBe('acme/shop/runs/42');
    expect(deploymentIdFromText('- deployment id: <argocd/shop/17>')).toBe(
      'argocd/shop/17',
    );
    expect(deploymentIdFromText('deployment_id: gitlab-123')).toBe(
      'gitlab-123',
    );
  });

  it('ignores lines that only mention deployments', () => {
    expect(deploymentIdFromText('Deployment failed: see logs')).toBe(undefined);
    expect(deploymentIdFromText('After the deployment: outage')).toBe(
      undefined,
    );
    expect(deploymentIdFromText(undefined)).toBe(undefined);
    expect(deploymentIdFromText(`Deployment: ${'x'.repeat(201)}`)).toBe(
      undefined,
    );
  });
});

describe('deploymentIdFromDetails', () => {
  it('reads deployment_id (or deploymentId, deployment) from custom details, or a line of text details', () => {
    expect(
      deploymentIdFromDetails({ customKey: 'x', deployment_id: ' acme/1 ' }),
    ).toBe('acme/1');
    expect(deploymentIdFromDetails({ deploymentId: 77 })).toBe('77');
    expect(deploymentIdFromDetails('Disk full\nDeployment: acme/2')).toBe(
      'acme/2',
    );
    expect(
      deploymentIdFromDetails({
        customKey: 'Server is on fire!',
        customKey2: 'Other stuff!',
      }),
    ).toBe(undefined);
  });
});

describe('deploymentIdOf', () => {
  const alerts = [
    alert({ deployment_id: 'from-later-alert' }, '2015-10-06T21:35:00Z', 'P1'),
    alert({ deployment_id: 'from-first-alert' }, '2015-10-06T21:30:42Z', 'P1'),
  ];

  it('prefers the newest note naming a deployment over alert details', () => {
    const notes = [
      note('Deployment: from-first-note', '2013-03-06T15:28:51-05:00'),
      note('Deployment: corrected-note', '2013-03-06T20:29:00Z'),
      note('Firefighters are on the scene.', '2013-03-06T21:00:00Z'),
    ];
    expect(deploymentIdOf({ notes, alerts })).toBe('corrected-note');
  });

  it('falls back to the oldest alert naming one', () => {
    expect(
      deploymentIdOf({
        notes: [
          note('Firefighters are on the scene.', '2013-03-06T15:28:51-05:00'),
        ],
        alerts,
      }),
    ).toBe('from-first-alert');
    expect(deploymentIdOf({ notes: [], alerts: [] })).toBe(undefined);
  });
});
