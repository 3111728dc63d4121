import { createWorkQueue } from './queue';

/** A task that finishes when told to. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>(resolve => {
    open = resolve;
  });
  return { open, task: () => opened };
}

describe('createWorkQueue', () => {
  it('runs at most `concurrency` tasks at once, in order', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxPending: 10 });
    const started: number[] = [];
    const gates = [gate(), gate(), gate()];
    gates.forEach((g, i) =>
      queue.push(async () => {
        started.push(i);
        await g.task();
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    gates[0].open();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(started).toEqual([0, 1, 2]);
    gates[1].open();
    gates[2].open();
    await queue.idle();
  });

  it('drops tasks beyond maxPending, and keeps going after a failing task', async () => {
    const queue = createWorkQueue({ concurrency: 1, maxPending: 1 });
    const first = gate();
    const ran: string[] = [];
    expect(
      queue.push(async () => {
        await first.task();
        throw new Error('boom');
      }),
    ).toBe(true);
    expect(queue.push(async () => void ran.push('second'))).toBe(true);
    expect(queue.push(async () => void ran.push('third'))).toBe(false);
    first.open();
    await queue.idle();
    expect(ran).toEqual(['second']);
  });
});
