import {
  deliveryDoraReadPermission,
  deliveryEventsCreatePermission,
  deliveryEventsReadPermission,
  deliveryPermissions,
} from './permissions';

describe('permissions', () => {
  it('defines basic permissions with their actions', () => {
    expect(deliveryDoraReadPermission).toMatchObject({
      type: 'basic',
      name: 'delivery.dora.read',
      attributes: { action: 'read' },
    });
    expect(deliveryEventsReadPermission).toMatchObject({
      type: 'basic',
      name: 'delivery.events.read',
      attributes: { action: 'read' },
    });
    expect(deliveryEventsCreatePermission).toMatchObject({
      type: 'basic',
      name: 'delivery.events.create',
      attributes: { action: 'create' },
    });
  });

  it('lists all of them once', () => {
    expect(deliveryPermissions.map(p => p.name).sort()).toEqual([
      'delivery.dora.read',
      'delivery.events.create',
      'delivery.events.read',
    ]);
  });
});
