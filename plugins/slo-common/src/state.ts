/**
 * The verdict of one objective from its figures. Missing data is never a verdict, and
 * neither is low traffic: with fewer allowed bad events than the minimum, a spent
 * budget or a page tier is a warning, never `exhausted` (frozen) or `critical` (a page).
 */
import { BurnRateTierReport, SloState } from './api';
import { DataQuality } from './dataQuality';
import { num } from './format';

export interface StateVerdict {
  state: SloState;
  reason: string;
  frozen: boolean;
  frozenReason: string;
}

export function decideState(options: {
  dataQuality: DataQuality;
  remaining: number | undefined;
  burnRates: BurnRateTierReport[];
  freezeWhenExhausted?: boolean;
}): StateVerdict {
  const { dataQuality, remaining, burnRates } = options;
  const usable =
    dataQuality.status === 'ok' || dataQuality.status === 'partial';
  const lowTraffic = dataQuality.lowTraffic;
  const firing = burnRates.filter(rate => rate.state === 'firing');
  const paging = firing.filter(rate => rate.severity === 'page');
  let state: SloState;
  let reason: string;
  if (!usable || remaining === undefined) {
    state = 'unknown';
    reason = `no usable data: ${dataQuality.reason}`;
  } else if (remaining <= 0 && !lowTraffic) {
    state = 'exhausted';
    reason = `budget remaining ${num(remaining)} <= 0`;
  } else if (remaining <= 0) {
    state = 'warning';
    reason = `budget remaining ${num(
      remaining,
    )} <= 0, but low traffic is not a verdict: too few events to freeze on`;
  } else if (paging.length > 0 && !lowTraffic) {
    state = 'critical';
    reason = `page tier firing: ${paging.map(rate => rate.tier).join(', ')}`;
  } else if (firing.length > 0) {
    state = 'warning';
    reason = `tier firing: ${firing.map(rate => rate.tier).join(', ')}${
      lowTraffic && paging.length > 0
        ? ' (low traffic: page tiers count as warnings)'
        : ''
    }`;
  } else if (remaining < 0.25) {
    state = 'warning';
    reason = `budget remaining ${num(remaining)} < 0.25`;
  } else {
    state = 'ok';
    reason = `budget remaining ${num(remaining)} >= 0.25 and no tier firing`;
  }
  const frozen = state === 'exhausted' && options.freezeWhenExhausted !== false;
  let frozenReason: string;
  if (frozen) {
    frozenReason = `frozen: the error budget policy stops deploys while the budget is exhausted (remaining ${num(
      remaining,
    )} <= 0)`;
  } else if (state === 'exhausted') {
    frozenReason = 'not frozen: the policy does not freeze on exhaustion';
  } else {
    frozenReason = `not frozen: state is ${state}`;
  }
  return { state, reason, frozen, frozenReason };
}
