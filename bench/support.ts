import http from 'node:http';
import os from 'node:os';

/** Shared helpers of the `npm run bench:*` scripts: timing, medians, the table and the JSON line. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `work` `runs` times and returns the median of the rates it reports. */
export async function medianOf(runs: number, work: (run: number) => Promise<number>): Promise<{ median: number; runs: number[] }> {
  const results: number[] = [];
  for (let run = 0; run < runs; run++) results.push(await work(run));
  return { median: median(results), runs: results };
}

/**
 * Measures ours and its baseline back to back in each run (so that background load hits both
 * alike) and returns the medians of both rates and of the per-run ratios.
 */
export async function pairedMedian(
  runs: number,
  ours: (run: number) => Promise<number>,
  baseline: (run: number) => Promise<number>,
): Promise<{ ours: number; baseline: number; ratio: number }> {
  const o: number[] = [];
  const b: number[] = [];
  const r: number[] = [];
  for (let run = 0; run < runs; run++) {
    b.push(await baseline(run));
    o.push(await ours(run));
    r.push(o[run] / b[run]);
  }
  return { ours: median(o), baseline: median(b), ratio: median(r) };
}

export async function rate(count: number, work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

export async function inParallel(workers: number, total: number, task: (worker: number, index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let index = next++; index < total; index = next++) await task(worker, index);
    }),
  );
}

export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export function printTable(title: string, rows: ReadonlyArray<Record<string, string | number>>): void {
  const columns = Object.keys(rows[0] ?? {});
  const cell = (value: string | number) => (typeof value === 'number' ? format(value) : value);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(cell(r[c])).length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  process.stdout.write(`\n${title}\n${line(columns)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const row of rows) process.stdout.write(`${line(columns.map((c) => String(cell(row[c]))))}\n`);
}

export function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? Math.round(value).toString() : value.toFixed(2);
}

/** The last line of every benchmark: one JSON object, for scripts and CI. */
export function printJson(figures: Record<string, number | string | boolean>): void {
  const rounded = Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toFixed(3)) : v]));
  process.stdout.write(`${JSON.stringify(rounded)}\n`);
}

/** Runs a bench's `main`: a failure prints `bench:<name> failed` with its stack and exits 1. */
export function esegui(nome: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:${nome} failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}

/**
 * A cheap HTTP/1.1 client for load benches, whose clients share the cores with what they measure:
 * node:http over kept-alive connections (one per client in flight), the body read as one string.
 * The global fetch costs several times as much CPU per request (web streams, a Response object).
 */
export function clienteHttp(base: string): (method: string, path: string, headers: Record<string, string>, body?: string) => Promise<{ status: number; text: string }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const url = new URL(base);
  return (method, path, headers, body) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        { agent, host: url.hostname, port: url.port, method, path, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.setEncoding('utf8');
          let text = '';
          res.on('data', (parte: string) => (text += parte));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}
