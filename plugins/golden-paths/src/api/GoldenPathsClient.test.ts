import { GoldenPathsClient } from './GoldenPathsClient';

describe('GoldenPathsClient', () => {
  it('asks /drift for the refs and answers template and versions per ref', async () => {
    const asked: string[] = [];
    const client = new GoldenPathsClient({
      discoveryApi: {
        getBaseUrl: async id => `http://backend/api/${id}`,
      },
      fetchApi: {
        fetch: (async (url: string) => {
          asked.push(url);
          return new Response(
            JSON.stringify({
              generatedAt: '',
              templates: [],
              components: [
                {
                  entityRef: 'component:default/cart-service',
                  template: 'template:default/typescript-service',
                  version: '1.0.0',
                  latestVersion: '1.1.0',
                  status: 'behind',
                },
              ],
            }),
          );
        }) as any,
      },
    });
    await expect(
      client.getGoldenPaths([
        'component:default/cart-service',
        'component:default/other',
      ]),
    ).resolves.toEqual({
      'component:default/cart-service': {
        template: 'typescript-service',
        version: '1.0.0',
        latestVersion: '1.1.0',
      },
    });
    expect(asked).toEqual([
      'http://backend/api/golden-paths/drift?entityRef=component%3Adefault%2Fcart-service&entityRef=component%3Adefault%2Fother',
    ]);
  });
});
