import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../../dist/console', import.meta.url));

/** Prints the gzipped size of the JavaScript the first page loads (entry + its static imports). */
function dimensioneIniziale() {
  return {
    name: 'dimensione-iniziale',
    writeBundle(_: unknown, bundle: Record<string, { type: string; isEntry?: boolean; imports?: string[]; fileName: string }>) {
      const visti = new Set<string>();
      const visita = (f: string) => {
        if (visti.has(f)) return;
        visti.add(f);
        for (const i of bundle[f]?.imports ?? []) visita(i);
      };
      for (const c of Object.values(bundle)) if (c.type === 'chunk' && c.isEntry) visita(c.fileName);
      const byte = [...visti].reduce((n, f) => n + gzipSync(readFileSync(join(outDir, f))).length, 0);
      process.stdout.write(`\nJS iniziale della console (gzip): ${(byte / 1024).toFixed(1)} kB (obiettivo ≤ 300 kB)\n`);
      if (byte > 300 * 1024) throw new Error('JS iniziale oltre 300 kB gzip');
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir, emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
  plugins: [dimensioneIniziale()],
  server: { proxy: { '^/(?!src|@|node_modules|console).*': 'http://127.0.0.1:3000' } },
});
