/** A dependency check: resolves true when the dependency answers. */
export type Probe = () => Promise<boolean>;

export type ProbeState = 'up' | 'down';

/** `/health/ready`'s body on both apps. */
export interface ReadinessReport {
  /** `ok`: everything answers; `degraded`: only optional dependencies are down; `error`: a required one is down. */
  status: 'ok' | 'degraded' | 'error';
  checks: Record<string, ProbeState>;
}

const PROBE_TIMEOUT_MS = 2000;

async function probeState(probe: Probe): Promise<ProbeState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS)));
  try {
    return (await Promise.race([probe().catch(() => false), timeout])) ? 'up' : 'down';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the probes at once (each gets 2 s). The app is ready (HTTP 200) when every required dependency answers;
 * an optional one that is down shows as `degraded` and still answers 200, so that, say, an unreachable SMTP
 * server does not take the API out of its load balancer while the work it would block waits safely.
 */
export async function readiness(
  required: Record<string, Probe>,
  optional: Record<string, Probe> = {},
): Promise<{ httpStatus: 200 | 503; report: ReadinessReport }> {
  const names = [...Object.keys(required), ...Object.keys(optional)];
  const states = await Promise.all(names.map((name) => probeState(required[name] ?? optional[name])));
  const checks = Object.fromEntries(names.map((name, index) => [name, states[index]]));
  const requiredUp = Object.keys(required).every((name) => checks[name] === 'up');
  const allUp = states.every((state) => state === 'up');
  return {
    httpStatus: requiredUp ? 200 : 503,
    report: { status: !requiredUp ? 'error' : allUp ? 'ok' : 'degraded', checks },
  };
}
