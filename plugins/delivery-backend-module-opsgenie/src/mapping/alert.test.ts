import { fullAlert, listedAlert } from '../__testUtils__/opsgenieExamples';
import { Alert, deploymentIdOf, mapAlert, parseAlert } from './alert';

const parsed = (value: unknown) => parseAlert(value) as Alert;

describe('mapAlert', () => {
  it("maps the docs' closed alert: resolved at creation + report.closeTime", () => {
    expect(
      mapAlert(parsed(fullAlert()), {
        webUrl: 'https://acme.app.opsgenie.com',
      }),
    ).toEqual({
      kind: 'incident',
      source: 'opsgenie',
      id: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
      title: 'Our servers are in danger',
      severity: 'P4',
      openedAt: '2017-03-21T20:32:52.353Z',
      // 20:32:52.353 + 60.503 s
      resolvedAt: '2017-03-21T20:33:52.856Z',
      deploymentId: undefined,
      url: 'https://acme.app.opsgenie.com/alert/detail/70413a06-38d6-4c85-92b8-5ebc900d42e2/details',
    });
  });

  it('leaves open alerts (acknowledged or not) unresolved, and links nowhere without webUrl', () => {
    const open = mapAlert(
      parsed(listedAlert({ status: 'open', acknowledged: true })),
    );
    expect(open.resolvedAt).toBe(undefined);
    expect(open.url).toBe(undefined);
  });

  it('takes updatedAt when a closed alert has no report', () => {
    const alert = listedAlert();
    delete alert.report;
    expect(mapAlert(parsed(alert)).resolvedAt).toBe('2017-04-03T20:32:57.301Z');
  });

  it('says why something is not an alert', () => {
    expect(parseAlert({ id: 'x' })).toEqual({
      invalid: expect.stringMatching(/^not an alert: /),
    });
  });
});

describe('deploymentIdOf', () => {
  it('reads deployment_id from the details first, then a Deployment line of the description', () => {
    expect(
      deploymentIdOf(
        parsed(
          fullAlert({
            details: { serverName: 'Zion', deployment_id: 'acme/shop/runs/7' },
            description: 'Deployment: other',
          }),
        ),
      ),
    ).toBe('acme/shop/runs/7');
    expect(
      deploymentIdOf(
        parsed(
          fullAlert({
            description: 'Latency up.\n**Deployment:** `argocd/shop/41`',
          }),
        ),
      ),
    ).toBe('argocd/shop/41');
    expect(deploymentIdOf(parsed(fullAlert()))).toBe(undefined);
  });
});
