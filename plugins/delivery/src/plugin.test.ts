import { deliveryPlugin, EntityDeploymentsContent } from './plugin';
import alphaPlugin from './alpha';

describe('delivery', () => {
  it('exports the legacy plugin and its extensions', () => {
    expect(deliveryPlugin.getId()).toBe('delivery');
    expect(EntityDeploymentsContent).toBeDefined();
  });

  it('exports the new frontend system plugin from /alpha', () => {
    expect(alphaPlugin.id).toBe('delivery');
  });
});
