/**
 * The load generator, in its own process (the bench forks it; it never shares an event loop with a server):
 * `node --import tsx scripts/bench/load.ts SPEC.json` runs autocannon as the spec says and prints one JSON line.
 * Every response's time is kept, so p50 / p95 / p99 are exact rather than read off autocannon's buckets.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadItem {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  url: string;
  connections: number;
  /** Seconds; or `amount` requests in all. */
  duration?: number;
  amount?: number;
  /** Requests go round these, one after another across every connection. */
  items: LoadItem[];
  /** Keep this field of each 2xx JSON answer (e.g. the id of a submitted request). */
  collect?: string;
  timeoutSeconds?: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
  collected: unknown[];
}

const percentile = (sorted: Float64Array, p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  let next = 0;
  const collected: unknown[] = [];
  const items = spec.items;
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration ?? 10 }),
    timeout: spec.timeoutSeconds ?? 30,
    // One request: autocannon's prebuilt fast path (a setupRequest per request caps the generator near 15k/s,
    // below what a bare Fastify answers). Several: rotated one after another.
    requests:
      items.length === 1 && !spec.collect
        ? [
            {
              method: items[0].method ?? 'GET',
              path: items[0].path,
              headers: { ...(items[0].body ? { 'content-type': 'application/json' } : {}), ...items[0].headers },
              body: items[0].body,
            },
          ]
        : [
            {
              setupRequest: (req: Record<string, unknown>) => {
                const item = items[next++ % items.length];
                return {
                  ...req,
                  method: item.method ?? 'GET',
                  path: item.path,
                  headers: { ...(item.body ? { 'content-type': 'application/json' } : {}), ...item.headers },
                  body: item.body,
                };
              },
              ...(spec.collect
                ? {
                    onResponse: (status: number, body: string) => {
                      if (status >= 200 && status < 300) {
                        try {
                          collected.push((JSON.parse(body) as Record<string, unknown>)[spec.collect as string]);
                        } catch {
                          // not JSON: nothing to keep
                        }
                      }
                    },
                  }
                : {}),
            },
          ],
  } as unknown as autocannon.Options) as unknown as NodeJS.EventEmitter & Promise<autocannon.Result>;
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  const seconds = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(times).sort();
  return {
    requests: times.length,
    seconds,
    rps: times.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : 0,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statuses,
    collected,
  };
}

if (process.argv[1]?.endsWith('load.ts')) {
  const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadSpec;
  const result = await runLoad(spec);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
