// What the servers in this process saw, per listening port: every request's arrival and how many
// were in flight at once. Read from node:http's diagnostics channel, so the demo stores need no
// hook of their own, and it counts what really arrived, whichever process sent it.
import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface HostTraffic {
  requests: number;
  /** Most arrivals in any one-second window (sliding). */
  maxPerSecond: number;
  /** Most requests in flight at once. */
  maxInFlight: number;
  /** Smallest gap between two arrivals, ms (Infinity with fewer than two). */
  minGapMs: number;
  /** Arrivals per second from the first to the last. */
  meanPerSecond: number;
}

export interface TrafficRecorder {
  /** Requests that arrived on the port so far. */
  count(port: number): number;
  summary(port: number): HostTraffic;
  /** Forget what was seen (between benchmark rounds). */
  reset(): void;
  stop(): void;
}

interface PortLog {
  arrivals: number[];
  inFlight: number;
  maxInFlight: number;
}

const REQUEST_START = 'http.server.request.start';

/** Most arrivals in any window of `windowMs`. */
export function maxInAnyWindow(sortedTimes: readonly number[], windowMs: number): number {
  let most = 0;
  for (let first = 0, last = 0; last < sortedTimes.length; last++) {
    while (sortedTimes[last] - sortedTimes[first] >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

export function recordServerTraffic(ports: readonly number[]): TrafficRecorder {
  const logs = new Map<number, PortLog>();
  const fresh = () => {
    logs.clear();
    for (const port of ports) logs.set(port, { arrivals: [], inFlight: 0, maxInFlight: 0 });
  };
  fresh();
  const onRequest = (message: unknown) => {
    const { socket, response } = message as { request: IncomingMessage; response: ServerResponse; socket: Socket };
    const log = logs.get(socket.localPort ?? -1);
    if (!log) return;
    log.arrivals.push(performance.now());
    log.inFlight++;
    log.maxInFlight = Math.max(log.maxInFlight, log.inFlight);
    // 'close' also comes when the client goes away mid-answer (a killed worker).
    response.once('close', () => log.inFlight--);
  };
  diagnostics.subscribe(REQUEST_START, onRequest);
  const logOf = (port: number) => {
    const log = logs.get(port);
    if (!log) throw new Error(`no traffic is recorded for port ${port} (recording ${ports.join(', ')})`);
    return log;
  };
  return {
    count: (port) => logOf(port).arrivals.length,
    summary(port) {
      const log = logOf(port);
      const times = [...log.arrivals].sort((a, b) => a - b);
      let minGapMs = Infinity;
      for (let i = 1; i < times.length; i++) minGapMs = Math.min(minGapMs, times[i] - times[i - 1]);
      const spanS = times.length > 1 ? (times.at(-1)! - times[0]) / 1000 : 0;
      return {
        requests: times.length,
        maxPerSecond: maxInAnyWindow(times, 1000),
        maxInFlight: log.maxInFlight,
        minGapMs,
        meanPerSecond: spanS > 0 ? (times.length - 1) / spanS : 0,
      };
    },
    reset: fresh,
    stop: () => diagnostics.unsubscribe(REQUEST_START, onRequest),
  };
}
