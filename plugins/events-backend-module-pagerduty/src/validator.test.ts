import { mockServices } from '@backstage/backend-test-utils';
import { RequestDetails } from '@backstage/plugin-events-node';
import { DateTime, Duration } from 'luxon';
import { signPagerDutyBody as signBody } from '@internal/backstage-plugin-delivery-node';
import { incidentEvent } from './__testUtils__/incidentEvent';
import { createPagerDutyWebhookValidator } from './validator';

const SECRET = 'whsec-test';
const OCCURRED_AT = '2020-10-02T18:45:22.169Z';

/** A delivery as the events backend hands it to validators. */
function delivery(
  payload: unknown,
  signature: string | null = null,
): RequestDetails {
  const raw = Buffer.from(JSON.stringify(payload));
  const header = signature ?? `v1=${signBody(SECRET, raw)}`;
  return {
    body: payload,
    headers: {
      'content-type': 'application/json',
      ...(header ? { 'x-pagerduty-signature': header } : {}),
    },
    raw: { body: raw, encoding: 'utf-8' },
  };
}

async function validate(
  validator: ReturnType<typeof createPagerDutyWebhookValidator>,
  request: RequestDetails,
) {
  const reject = jest.fn();
  await validator(request, { reject });
  return reject.mock.calls[0]?.[0];
}

describe('createPagerDutyWebhookValidator', () => {
  const at = (iso: string) => () => DateTime.fromISO(iso, { zone: 'utc' });
  const validator = (now = at('2020-10-02T18:50:00Z'), secrets = [SECRET]) =>
    createPagerDutyWebhookValidator({
      secrets,
      maxAge: Duration.fromObject({ minutes: 30 }),
      logger: mockServices.logger.mock(),
      now,
    });

  it('lets a signed, recent, new event through', async () => {
    expect(await validate(validator(), delivery(incidentEvent()))).toBe(
      undefined,
    );
  });

  it('refuses forged and unsigned deliveries with 403', async () => {
    const v = validator();
    const payload = incidentEvent();
    const forged = `v1=${signBody(
      'not-the-secret',
      Buffer.from(JSON.stringify(payload)),
    )}`;
    expect(await validate(v, delivery(payload, forged))).toEqual({
      status: 403,
      payload: { message: 'invalid signature' },
    });
    expect(await validate(v, delivery(payload, ''))).toEqual({
      status: 403,
      payload: { message: 'invalid signature' },
    });
  });

  it('refuses a body altered after signing', async () => {
    const request = delivery(incidentEvent());
    request.raw.body = Buffer.from(
      request.raw.body.toString().replace('P1', 'P5'),
    );
    expect((await validate(validator(), request))?.status).toBe(403);
  });

  it('refuses everything when no secret is configured', async () => {
    expect(
      await validate(
        validator(at('2020-10-02T18:50:00Z'), []),
        delivery(incidentEvent()),
      ),
    ).toEqual({
      status: 403,
      payload: { message: 'no webhook secret is configured' },
    });
  });

  it('refuses replays: events older than maxAge, or as far in the future', async () => {
    // 30 minutes after the event is the limit; a millisecond later is too late.
    expect(
      await validate(
        validator(at('2020-10-02T19:15:22.169Z')),
        delivery(incidentEvent()),
      ),
    ).toBe(undefined);
    expect(
      await validate(
        validator(at('2020-10-02T19:15:22.170Z')),
        delivery(incidentEvent()),
      ),
    ).toEqual({
      status: 403,
      payload: {
        message: `event 5ac64822-4adc-4fda-ade0-410becf0de4f occurred at ${OCCURRED_AT}, outside the accepted 30 minutes`,
      },
    });
    expect(
      (
        await validate(
          validator(at('2020-10-02T18:00:00Z')),
          delivery(incidentEvent()),
        )
      )?.status,
    ).toBe(403);
  });

  it('answers a repeated event id 200 without publishing it again', async () => {
    const v = validator();
    expect(await validate(v, delivery(incidentEvent()))).toBe(undefined);
    expect(await validate(v, delivery(incidentEvent()))).toEqual({
      status: 200,
      payload: { status: 'duplicate' },
    });
    expect(
      await validate(v, delivery(incidentEvent({ eventId: 'another-event' }))),
    ).toBe(undefined);
  });

  it('refuses signed bodies that are not v3 events with 400', async () => {
    expect(
      await validate(validator(), delivery({ messages: [{ id: 'v2' }] })),
    ).toEqual({
      status: 400,
      payload: { message: 'not a PagerDuty webhooks v3 event' },
    });
    expect(
      (
        await validate(
          validator(),
          delivery(incidentEvent({ occurredAt: 'yesterday' })),
        )
      )?.status,
    ).toBe(400);
  });
});
