import { sleep } from './processes';

export interface TaskStreamOptions {
  apiUrl: () => string;
  apiKeys: string[];
  /** Capability codes held by several residents, and regions where residents are. */
  capabilities: string[];
  regions: string[];
  count: number;
  /** Tasks posted per second, at most `concurrency` requests in flight. */
  ratePerSecond: number;
  concurrency: number;
  /** Prefix of each task's Idempotency-Key, unique per run. */
  keyPrefix: string;
  /** How long one task may keep retrying before it counts as not accepted. */
  giveUpAfterMs: number;
  log: (line: string) => void;
  /** Counts the requests in flight, so a fault can strike while the API is answering one. */
  activity: { requestsInFlight: number };
}

export interface TaskStreamResult {
  /** Idempotency keys that got a 201, with the task id. */
  accepted: Map<string, string>;
  /** Keys that never got a 201 (gave up). */
  rejected: { key: string; lastError: string }[];
  /** Requests sent in all, retries included, and replayed answers (`Idempotent-Replayed: true`). */
  requests: number;
  retries: number;
  replayed: number;
  startedAt: number;
  finishedAt: number;
}

const TITLES = ['Valve body', 'Gear housing', 'Bearing cage', 'Controller board', 'Pump impeller', 'Sensor casing'];
const MAKERS = ['Bosch Rexroth', 'Siemens', 'SEW-Eurodrive', 'SKF', 'Festo', 'Schneider Electric'];

function taskBody(options: TaskStreamOptions, n: number): string {
  const pick = <T>(values: readonly T[], offset = 0) => values[(n * 7 + offset) % values.length];
  const title = pick(TITLES);
  return JSON.stringify({
    title: `${title} #${n} (chaos run)`,
    description: `Previously imported ${title.toLowerCase()}; lot ${n}.`,
    substitutes: { name: title, manufacturer: pick(MAKERS, 3), partNumber: `PN-${(n * 7919) % 100_000}` },
    requirements: [{ capability: pick(options.capabilities), weight: 1, required: true }],
    region: pick(options.regions, 5),
    quantity: 50 + (n % 20) * 50,
    budget: { amount: 10_000 + (n % 50) * 1000, currency: n % 3 === 0 ? 'USD' : 'BYN' },
    deadline: '2027-06-30',
    // Fewer matches per task keeps the email volume within what two cores deliver during the run.
    matching: { limit: 8 },
  });
}

/**
 * Posts `count` tasks at a steady rate, each with its own Idempotency-Key, retrying network errors,
 * 5xx and 429 with the same key and body until a 201 (or `giveUpAfterMs`). Other 4xx are not retried.
 */
export async function postTaskStream(options: TaskStreamOptions): Promise<TaskStreamResult> {
  const result: TaskStreamResult = {
    accepted: new Map(),
    rejected: [],
    requests: 0,
    retries: 0,
    replayed: 0,
    startedAt: Date.now(),
    finishedAt: 0,
  };
  const inFlight = new Set<Promise<void>>();

  const postOne = async (n: number): Promise<void> => {
    const key = `${options.keyPrefix}-${n}`;
    const body = taskBody(options, n);
    const apiKey = options.apiKeys[n % options.apiKeys.length];
    const deadline = Date.now() + options.giveUpAfterMs;
    let lastError = '';
    for (let attempt = 0; Date.now() < deadline; attempt += 1) {
      if (attempt > 0) {
        result.retries += 1;
        await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)));
      }
      result.requests += 1;
      options.activity.requestsInFlight += 1;
      try {
        const response = await fetch(`${options.apiUrl()}/api/v1/tasks`, {
          method: 'POST',
          headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': key },
          body,
          signal: AbortSignal.timeout(20_000),
        });
        const text = await response.text();
        if (response.status === 201) {
          result.accepted.set(key, (JSON.parse(text) as { id: string }).id);
          if (response.headers.get('idempotent-replayed') === 'true') {
            result.replayed += 1;
          }
          return;
        }
        lastError = `${response.status} ${text.slice(0, 200)}`;
        if (response.status < 500 && response.status !== 429) {
          break;
        }
      } catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
        lastError = error instanceof Error ? `${error.message}${cause}` : String(error);
      } finally {
        options.activity.requestsInFlight -= 1;
      }
    }
    options.log(`task ${key} not accepted: ${lastError}`);
    result.rejected.push({ key, lastError });
  };

  const gapMs = 1000 / options.ratePerSecond;
  for (let n = 1; n <= options.count; n += 1) {
    const due = result.startedAt + (n - 1) * gapMs;
    if (due > Date.now()) {
      await sleep(due - Date.now());
    }
    while (inFlight.size >= options.concurrency) {
      await Promise.race(inFlight);
    }
    const posting = postOne(n).finally(() => inFlight.delete(posting));
    inFlight.add(posting);
    if (n % 50 === 0) {
      options.log(`posted ${n}/${options.count} (accepted ${result.accepted.size}, retries ${result.retries})`);
    }
  }
  await Promise.all(inFlight);
  result.finishedAt = Date.now();
  return result;
}
