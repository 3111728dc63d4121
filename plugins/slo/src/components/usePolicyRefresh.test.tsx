import { TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { act, renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { usePolicyRefresh } from './usePolicyRefresh';

function fakeSignals() {
  const listeners = new Map<string, (message: any) => void>();
  return {
    api: {
      subscribe: (channel: string, onMessage: (message: any) => void) => {
        listeners.set(channel, onMessage);
        return { unsubscribe: () => listeners.delete(channel) };
      },
    },
    send: (channel: string, message: object) =>
      act(() => listeners.get(channel)?.(message)),
  };
}

describe('usePolicyRefresh', () => {
  it("counts the slo-policy signals of the page's component, and every one for a roll-up", () => {
    const signals = fakeSignals();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        {children}
      </TestApiProvider>
    );
    const component = renderHook(
      () => usePolicyRefresh('Component:default/checkout-service'),
      { wrapper },
    );
    expect(component.result.current).toBe(0);
    signals.send('slo-policy', {
      entityRef: 'component:default/checkout-service',
      frozen: true,
    });
    expect(component.result.current).toBe(1);
    signals.send('slo-policy', {
      entityRef: 'component:default/cart-service',
      frozen: true,
    });
    expect(component.result.current).toBe(1);

    const rollup = renderHook(() => usePolicyRefresh(), { wrapper });
    signals.send('slo-policy', {
      entityRef: 'component:default/cart-service',
      frozen: false,
    });
    expect(rollup.result.current).toBe(1);
  });

  it('stays 0 without the signals plugin', () => {
    const { result } = renderHook(() =>
      usePolicyRefresh('component:default/x'),
    );
    expect(result.current).toBe(0);
  });
});
