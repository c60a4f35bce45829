/**
 * Loaded with `node --import` into a service process by the benches (BENCH_QUERY_COUNT=<file>):
 * counts the statements the process sends to PostgreSQL, by text, with their time until the
 * answer, and writes them to the file when the process exits. No effect on what the statements do.
 */
import { writeFileSync } from 'node:fs';
import pg from 'pg';

const file = process.env.BENCH_QUERY_COUNT;
if (file) {
  const counts = new Map<string, { n: number; ms: number }>();
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    let text = (typeof first === 'string' ? first : first?.text ?? '?').replace(/\s+/g, ' ').trim().slice(0, 160);
    // Reads of a stream: by the kind of stream (the id's first word), to tell who reads.
    const values = Array.isArray(args[1]) ? (args[1] as unknown[]) : typeof first === 'object' && Array.isArray((first as { values?: unknown }).values) ? ((first as { values: unknown[] }).values) : undefined;
    if (text.includes('FROM public.es_streams s') && typeof values?.[0] === 'string') text = `[stream ${values[0].split(/[-:]/)[0]}] ${text}`;
    const entry = counts.get(text) ?? { n: 0, ms: 0 };
    counts.set(text, entry);
    entry.n++;
    const started = performance.now();
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(
        () => void (entry.ms += performance.now() - started),
        () => void (entry.ms += performance.now() - started),
      );
    }
    return result;
  };
  process.on('exit', () => {
    const rows = [...counts].map(([text, e]) => ({ text, n: e.n, ms: Math.round(e.ms) })).sort((a, b) => b.n - a.n);
    writeFileSync(file, JSON.stringify(rows, null, 1));
  });
}
