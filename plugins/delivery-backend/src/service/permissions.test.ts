/*
 * Every route goes through a permission, so an adopter's policy can restrict it.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { deliveryPlugin } from '../plugin';

describe('delivery permissions', () => {
  it('answers 403 on every route when the policy denies', async () => {
    const backend = await startTestBackend({
      features: [
        deliveryPlugin,
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    try {
      const auth = { Authorization: mockCredentials.user.header() };
      const window = 'from=2026-01-05T00:00:00Z&to=2026-01-12T00:00:00Z';
      const responses = await Promise.all([
        request(backend.server)
          .post('/api/delivery/events')
          .set(auth)
          .send({ events: [] }),
        request(backend.server)
          .get(`/api/delivery/dora?entityRef=component:default/a&${window}`)
          .set(auth),
        request(backend.server)
          .get('/api/delivery/deployments?entityRef=component:default/a')
          .set(auth),
        request(backend.server)
          .get('/api/delivery/incidents?entityRef=component:default/a')
          .set(auth),
        request(backend.server)
          .get('/api/delivery/flags?entityRef=component:default/a')
          .set(auth),
        request(backend.server)
          .get('/api/delivery/incident?entityRef=component:default/a&id=i1')
          .set(auth),
        request(backend.server).get('/api/delivery/unmatched').set(auth),
        request(backend.server).get('/api/delivery/sources').set(auth),
        request(backend.server)
          .get(`/api/delivery/timeline?entityRef=component:default/a&${window}`)
          .set(auth),
        request(backend.server)
          .get(`/api/delivery/scorecards?${window}`)
          .set(auth),
        request(backend.server)
          .get(
            `/api/delivery/scorecards/entity?entityRef=component:default/a&${window}`,
          )
          .set(auth),
        request(backend.server)
          .get(
            `/api/delivery/deployment-health?entityRef=component:default/a&${window}`,
          )
          .set(auth),
        request(backend.server)
          .get(
            '/api/delivery/rollout-burn?entityRef=component:default/a&source=argo-rollouts&id=r1',
          )
          .set(auth),
      ]);
      expect(responses.map(r => r.status)).toEqual(
        new Array(responses.length).fill(403),
      );
      expect(responses[1].body.error.message).toMatch(/delivery\.dora\.read/);
    } finally {
      await backend.stop();
    }
  });
});
