import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createWaitForEntityAction } from './waitForEntity';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'cart-service', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'experimental',
    owner: 'group:default/team-checkout',
  },
};

describe('golden-paths:catalog:wait-for-entity', () => {
  it('returns once the catalog serves the entity, after the processing delay', async () => {
    const catalog = catalogServiceMock();
    // not processed on the first two reads, served on the third
    const getEntityByRef = jest
      .spyOn(catalog, 'getEntityByRef')
      .mockResolvedValueOnce(undefined)
      .mockResolvedValueOnce(undefined)
      .mockResolvedValue(entity);
    const action = createWaitForEntityAction({ catalog, pollIntervalMs: 5 });
    const ctx = createMockActionContext({
      input: {
        entityRef: 'component:default/cart-service',
        timeoutSeconds: 10,
      },
    });

    await action.handler(ctx as any);

    expect(getEntityByRef).toHaveBeenCalledTimes(3);
    expect(getEntityByRef).toHaveBeenCalledWith(
      'component:default/cart-service',
      expect.anything(),
    );
    expect(ctx.output).toHaveBeenCalledWith('found', true);
  });

  it('goes on with found=false and a warning when the timeout passes', async () => {
    const catalog = catalogServiceMock();
    const getEntityByRef = jest
      .spyOn(catalog, 'getEntityByRef')
      .mockResolvedValue(undefined);
    const action = createWaitForEntityAction({ catalog, pollIntervalMs: 400 });
    const ctx = createMockActionContext({
      input: { entityRef: 'component:default/cart-service', timeoutSeconds: 1 },
    });
    const warn = jest.spyOn(ctx.logger, 'warn');

    await action.handler(ctx as any);

    // reads at 0, 400 and 800 ms; a fourth at 1200 ms would pass the 1 s deadline
    expect(getEntityByRef).toHaveBeenCalledTimes(3);
    expect(ctx.output).toHaveBeenCalledWith('found', false);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('has not processed it after 1 s'),
    );
  });

  it('does not read the catalog in a dry run', async () => {
    const catalog = catalogServiceMock();
    const getEntityByRef = jest.spyOn(catalog, 'getEntityByRef');
    const action = createWaitForEntityAction({ catalog });
    const ctx = {
      ...createMockActionContext({
        input: { entityRef: 'component:default/cart-service' },
      }),
      isDryRun: true,
    };

    await action.handler(ctx as any);

    expect(getEntityByRef).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('found', true);
  });
});
