import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionSupervisor } from '../../bots/connection-supervisor.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('ConnectionSupervisor', () => {
  it('waits its default backoff before reconnecting when the delay option is given as undefined', async () => {
    vi.useFakeTimers();
    const connect = vi.fn(async () => {});
    const supervisor = new ConnectionSupervisor({ connect, log: () => {}, minDelayMs: undefined });
    await supervisor.start();
    supervisor.lost('socket closed');
    await vi.advanceTimersByTimeAsync(500); // below the 1 s default (with jitter, at least 750 ms)
    expect(connect).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(connect).toHaveBeenCalledTimes(2);
    supervisor.stop();
  });

  it('doubles the delay after each failed attempt and reports up and down', async () => {
    vi.useFakeTimers();
    const states: boolean[] = [];
    let attempts = 0;
    const connect = vi.fn(async () => {
      attempts++;
      if (attempts === 2) throw new Error('apps.connections.open failed');
    });
    const supervisor = new ConnectionSupervisor({
      connect,
      log: () => {},
      minDelayMs: 100,
      onChange: (up) => states.push(up),
    });
    // The jitter at its middle (×1): the delays are exactly 100 ms, then 200 ms.
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    await supervisor.start();
    supervisor.lost('refresh_requested');
    await vi.advanceTimersByTimeAsync(100); // first retry after 100 ms: fails
    expect(attempts).toBe(2);
    await vi.advanceTimersByTimeAsync(199); // the next waits twice as long
    expect(attempts).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toBe(3);
    expect(states).toEqual([true, false, true]);
    supervisor.stop();
  });
});
