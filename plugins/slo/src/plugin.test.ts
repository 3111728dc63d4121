import { sloPlugin, EntitySloCard, EntitySloContent } from './plugin';

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
});
