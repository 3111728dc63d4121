import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import eventsPlugin from '@backstage/plugin-events-backend';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { AddressInfo } from 'node:net';
import { addStrictJsonTopics } from './strictJsonTopics';

/** An events module serving `topic`, strict about its JSON like ours. */
const strictModule = (topic: string) =>
  createBackendModule({
    pluginId: 'events',
    moduleId: `${topic}-webhook`,
    register(reg) {
      reg.registerInit({
        deps: { events: eventsExtensionPoint },
        async init({ events }) {
          addStrictJsonTopics(events, [topic]);
          events.addHttpPostIngress({ topic });
        },
      });
    },
  });

describe('addStrictJsonTopics', () => {
  it('answers 400 on the topics of every module that registered, and leaves other topics the default', async () => {
    const backend = await startTestBackend({
      features: [
        eventsPlugin,
        strictModule('alpha'),
        strictModule('beta'),
        mockServices.rootConfig.factory({
          // A topic no module registered: the events backend serves it as configured.
          data: { events: { http: { topics: ['other'] } } },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    const post = (topic: string, body: string) =>
      fetch(`http://localhost:${port}/api/events/http/${topic}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    try {
      for (const topic of ['alpha', 'beta']) {
        const response = await post(topic, '{"half":');
        expect(response.status).toBe(400);
        expect((await response.json()).error.message).toMatch(
          `The body of a delivery to /api/events/http/${topic} is not valid JSON`,
        );
        expect((await post(topic, '')).status).toBe(400);
        expect((await post(topic, '{"ok":true}')).status).toBe(202);
      }
      const other = await post('other', '{"half":');
      expect(other.status).toBe(500);
      expect((await other.json()).error.name).toBe('SyntaxError');
      expect((await post('other', '{"ok":true}')).status).toBe(202);
    } finally {
      await backend.stop();
    }
  });
});
