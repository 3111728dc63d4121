import { ConfigReader } from '@backstage/config';
import { readArgocdSourceConfig } from './config';

describe('readArgocdSourceConfig', () => {
  it('reads the instances in the Roadie / community plugin shape, with their credentials', () => {
    const config = new ConfigReader({
      argocd: {
        username: 'backstage',
        password: 'default-password',
        appLocatorMethods: [
          {
            type: 'config',
            instances: [
              {
                name: 'argo-prod',
                url: 'https://argocd.prod.example.com/',
                token: 'prod-token',
              },
              {
                name: 'argo-staging',
                url: 'https://argocd.staging.example.com',
              },
              {
                name: 'argo-dev',
                url: 'http://argocd.dev.example.com:8080',
                username: 'dev-user',
                password: 'dev-password',
              },
            ],
          },
        ],
      },
    });
    expect(readArgocdSourceConfig(config).instances).toEqual([
      {
        name: 'argo-prod',
        url: 'https://argocd.prod.example.com',
        credentials: { token: 'prod-token' },
      },
      {
        name: 'argo-staging',
        url: 'https://argocd.staging.example.com',
        credentials: { username: 'backstage', password: 'default-password' },
      },
      {
        name: 'argo-dev',
        url: 'http://argocd.dev.example.com:8080',
        credentials: { username: 'dev-user', password: 'dev-password' },
      },
    ]);
  });

  it('defaults to a half-hourly pull, no rules and the unknown environment', () => {
    expect(readArgocdSourceConfig(new ConfigReader({}))).toEqual({
      instances: [],
      schedule: {
        frequency: { minutes: 30 },
        timeout: { minutes: 10 },
        initialDelay: { minutes: 1 },
      },
      environments: [],
      defaultEnvironment: 'unknown',
    });
  });

  it('keeps an instance without credentials (webhook only) and skips other locator types', () => {
    const config = new ConfigReader({
      argocd: {
        appLocatorMethods: [
          { type: 'cluster', instances: [{ name: 'x', url: 'https://x' }] },
          {
            type: 'config',
            instances: [
              { name: 'argo-prod', url: 'https://argocd.example.com' },
            ],
          },
        ],
      },
    });
    expect(readArgocdSourceConfig(config).instances).toEqual([
      {
        name: 'argo-prod',
        url: 'https://argocd.example.com',
        credentials: undefined,
      },
    ]);
  });

  it('refuses duplicate names, bad URLs and half credentials', () => {
    const read = (instances: object[]) => () =>
      readArgocdSourceConfig(
        new ConfigReader({
          argocd: { appLocatorMethods: [{ type: 'config', instances }] },
        }),
      );
    expect(
      read([
        { name: 'a', url: 'https://a.example.com' },
        { name: 'a', url: 'https://b.example.com' },
      ]),
    ).toThrow(
      "argocd.appLocatorMethods[0].instances[1].name 'a' is used by another instance",
    );
    expect(read([{ name: 'a', url: 'argocd.example.com' }])).toThrow(
      "argocd.appLocatorMethods[0].instances[0].url must be an absolute URL, got 'argocd.example.com'",
    );
    expect(read([{ name: 'a/b', url: 'https://a.example.com' }])).toThrow(
      "argocd.appLocatorMethods[0].instances[0].name must be a non-empty name without '/'",
    );
    expect(
      read([{ name: 'a', url: 'https://a.example.com', username: 'u' }]),
    ).toThrow(
      'argocd.appLocatorMethods[0].instances[0] needs both a username and a password',
    );
  });

  it('reads environment rules, the fallback and the schedule', () => {
    const config = new ConfigReader({
      delivery: {
        argocd: {
          environments: [
            { cluster: 'prod-*', environment: 'production' },
            { instance: 'argo-dev', namespace: '*', environment: 'dev' },
          ],
          defaultEnvironment: ' other ',
          schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
        },
      },
    });
    expect(readArgocdSourceConfig(config)).toMatchObject({
      environments: [
        { cluster: 'prod-*', environment: 'production' },
        { instance: 'argo-dev', namespace: '*', environment: 'dev' },
      ],
      defaultEnvironment: 'other',
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
    });
    expect(() =>
      readArgocdSourceConfig(
        new ConfigReader({
          delivery: { argocd: { environments: [{ environment: 'prod' }] } },
        }),
      ),
    ).toThrow(
      'delivery.argocd.environments[0] must have at least one of instance, server, cluster, namespace, app, project',
    );
  });
});
