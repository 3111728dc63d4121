/** Runs tasks in the background, a few at a time, holding at most `maxPending` waiting. */
export interface WorkQueue {
  /** False when the queue is full and the task was dropped. */
  push(task: () => Promise<void>): boolean;
  /** Resolves once every task pushed so far has finished. */
  idle(): Promise<void>;
}

/**
 * A small in-memory work queue. Webhook deliveries are answered before they are
 * processed: GitLab waits at most a few seconds for an answer and disables a webhook
 * that keeps failing, while processing may read the GitLab API (and wait out its
 * rate limit). Tasks must handle their own errors.
 */
export function createWorkQueue(options: {
  concurrency: number;
  maxPending: number;
}): WorkQueue {
  const pending: (() => Promise<void>)[] = [];
  let running = 0;
  let waiters: (() => void)[] = [];

  const finished = () => {
    running--;
    next();
  };

  function start(task: () => Promise<void>) {
    running++;
    task()
      .catch(() => undefined)
      .finally(finished);
  }

  function next() {
    while (running < options.concurrency && pending.length > 0) {
      start(pending.shift()!);
    }
    if (running === 0 && pending.length === 0) {
      const done = waiters;
      waiters = [];
      done.forEach(resolve => resolve());
    }
  }

  return {
    push(task) {
      if (pending.length >= options.maxPending) return false;
      pending.push(task);
      next();
      return true;
    },
    idle() {
      if (running === 0 && pending.length === 0) return Promise.resolve();
      return new Promise(resolve => waiters.push(resolve));
    },
  };
}
