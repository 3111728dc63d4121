import { sloPlugin, EntitySloCard, EntitySloContent } from './plugin';
import alphaPlugin from './alpha';

describe('slo', () => {
  it('exports the legacy plugin, its extensions and the seam APIs', () => {
    expect(sloPlugin.getId()).toBe('slo');
    expect(EntitySloCard).toBeDefined();
    expect(EntitySloContent).toBeDefined();
    expect([...sloPlugin.getApis()].map(api => api.api.id)).toEqual([
      'plugin.slo.api',
      'plugin.delivery.deployment-flags',
      'plugin.delivery-scorecards.slo',
    ]);
  });

  it('exports the new frontend system plugin from /alpha', () => {
    expect(alphaPlugin.id).toBe('slo');
  });
});
