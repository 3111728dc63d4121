import { mockServices } from '@backstage/backend-test-utils';
import { createRolloutsValidator } from './rollouts';
import { SECRET_HEADER } from './secret';

/** A body in the recommended template's shape (see the delivery module's README). */
const body = () => ({
  instance: 'argo-prod',
  trigger: 'on-rollout-step-completed',
  at: '2024-05-15T13:30:52.117Z',
  rollout: {
    metadata: {
      name: 'checkout',
      namespace: 'checkout-prod',
      labels: { app: 'checkout' },
      annotations: {
        'rollout.argoproj.io/revision': '6',
        'argocd.argoproj.io/tracking-id':
          'checkout-prod:argoproj.io/Rollout:checkout-prod/checkout',
      },
    },
    spec: {
      strategy: { canary: { steps: [{ setWeight: 5 }, { pause: {} }] } },
    },
    status: { currentPodHash: '6c54544bb9', currentStepIndex: 0 },
  },
  analysisRuns: null,
});

async function validate(
  secret: string | undefined,
  headers: Record<string, string | string[]>,
  payload: unknown = body(),
) {
  const rejections: unknown[] = [];
  await createRolloutsValidator(secret, mockServices.logger.mock())(
    {
      body: payload,
      headers,
      raw: { body: Buffer.from(JSON.stringify(payload)), encoding: 'utf-8' },
    },
    { reject: details => rejections.push(details) },
  );
  return rejections;
}

describe('createRolloutsValidator', () => {
  it('accepts a notification of the recommended template with the secret', async () => {
    expect(await validate('s3cr3t', { [SECRET_HEADER]: 's3cr3t' })).toEqual([]);
  });

  it('refuses a wrong, missing or repeated secret with 401, and everything without a configured one', async () => {
    const refused = [{ status: 401, payload: { message: 'invalid secret' } }];
    expect(await validate('s3cr3t', { [SECRET_HEADER]: 's3cr3' })).toEqual(
      refused,
    );
    expect(await validate('s3cr3t', {})).toEqual(refused);
    expect(
      await validate('s3cr3t', { [SECRET_HEADER]: ['s3cr3t', 's3cr3t'] }),
    ).toEqual(refused);
    expect(await validate(undefined, { [SECRET_HEADER]: '' })).toEqual([
      {
        status: 401,
        payload: {
          message:
            'no webhook secret is configured (delivery.argocd.rollouts.webhook.secret)',
        },
      },
    ]);
    // The secret is checked before the body: a forger learns nothing of its shape.
    expect(await validate('s3cr3t', {}, { nothing: true })).toEqual(refused);
  });

  it('refuses a body of another shape with 400 naming each field', async () => {
    const headers = { [SECRET_HEADER]: 's3cr3t' };
    const wrongTrigger = { ...body(), trigger: 'on-analysis-run-failed' };
    const [refusal] = await validate('s3cr3t', headers, wrongTrigger);
    expect(refusal).toEqual({
      status: 400,
      payload: {
        message: expect.stringMatching(
          /^malformed Argo Rollouts webhook payload: trigger: must be the trigger the subscription is for, one of on-rollout-updated, /,
        ),
      },
    });
    const broken = body();
    (broken.rollout.status as any).currentStepIndex = -1;
    (broken as any).at = 'yesterday';
    expect(await validate('s3cr3t', headers, broken)).toEqual([
      {
        status: 400,
        payload: {
          message:
            'malformed Argo Rollouts webhook payload: at: Invalid ISO datetime; rollout.status.currentStepIndex: Too small: expected number to be >=0',
        },
      },
    ]);
  });
});
