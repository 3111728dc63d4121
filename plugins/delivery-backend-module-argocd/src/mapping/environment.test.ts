import { environmentFor, SyncDestination } from './environment';

const destination = (fields: Partial<SyncDestination>): SyncDestination => ({
  instance: 'argo',
  app: 'checkout',
  ...fields,
});

describe('environmentFor', () => {
  it('takes the first rule whose patterns all match, comparing without case', () => {
    const rules = [
      { cluster: 'PROD-*', namespace: 'shop', environment: 'production' },
      { cluster: 'prod-*', environment: 'production-other' },
      { server: 'https://*.staging.example.com', environment: 'staging' },
    ];
    expect(
      environmentFor(
        rules,
        destination({ name: 'prod-eu', namespace: 'shop' }),
        'unknown',
      ),
    ).toBe('production');
    expect(
      environmentFor(
        rules,
        destination({ name: 'prod-eu', namespace: 'tools' }),
        'unknown',
      ),
    ).toBe('production-other');
    expect(
      environmentFor(
        rules,
        destination({
          server: 'https://k8s.staging.example.com',
          namespace: 'shop',
        }),
        'unknown',
      ),
    ).toBe('staging');
  });

  it('calls the local cluster in-cluster for cluster patterns', () => {
    expect(
      environmentFor(
        [{ cluster: 'in-cluster', environment: 'production' }],
        destination({
          server: 'https://kubernetes.default.svc',
          namespace: 'x',
        }),
        'unknown',
      ),
    ).toBe('production');
  });

  it('infers from words in the namespace, cluster, server host, app, project, instance in that order', () => {
    const infer = (fields: Partial<SyncDestination>) =>
      environmentFor([], destination(fields), 'unknown');
    expect(infer({ namespace: 'checkout-prod', name: 'staging-eu' })).toBe(
      'production',
    );
    expect(infer({ namespace: 'checkout', name: 'staging-eu' })).toBe(
      'staging',
    );
    expect(
      infer({ namespace: 'checkout', server: 'https://prd.k8s.example.com' }),
    ).toBe('production');
    expect(infer({ namespace: 'checkout', app: 'checkout-live' })).toBe(
      'production',
    );
    expect(infer({ namespace: 'checkout', instance: 'argo-dev' })).toBe(
      'development',
    );
    expect(infer({ namespace: 'shop-pre-prod' })).toBe('staging');
    expect(infer({ namespace: 'shop.preprod' })).toBe('staging');
    expect(infer({ namespace: 'qa' })).toBe('test');
  });

  it('ignores words inside other words and falls back', () => {
    expect(
      environmentFor(
        [],
        destination({
          app: 'product-catalog',
          namespace: 'devops',
          project: 'lively',
        }),
        'unknown',
      ),
    ).toBe('unknown');
  });
});
