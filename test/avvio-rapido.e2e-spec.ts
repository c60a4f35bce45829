import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { resolve } from 'node:path';

const SCRIPT = resolve('scripts/costruisci-se-serve.mjs');
const BUILDINFO = resolve('dist/tsconfig.build.tsbuildinfo');
const CONSOLE = resolve('dist/console/index.html');
const esegui = (...args: string[]) => execFileSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8', timeout: 240_000 });
const data = (file: string) => statSync(file).mtimeMs;

/**
 * `npm start` and `npm run cli` compile only what changed: with the tree up to date their
 * pre-step starts neither tsc nor vite and leaves dist/ as it is.
 */
describe('the pre-step of npm start and npm run cli', () => {
  it('npm start and npm run cli run it instead of compiling every time', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.prestart).toBe('node scripts/costruisci-se-serve.mjs');
    expect(scripts.cli).toMatch(/^node scripts\/costruisci-se-serve\.mjs --solo-servizio --silenzioso && node /);
  });

  it('with nothing changed it compiles nothing and dist/ keeps its dates', () => {
    esegui(); // brings the tree up to date if it is not (then this run compiles)
    const prima = { servizio: data(BUILDINFO), console: data(CONSOLE) };
    const uscita = esegui();
    expect(uscita).toBe('servizio: già aggiornato, nessuna compilazione\nconsole: già aggiornato, nessuna compilazione\n');
    expect({ servizio: data(BUILDINFO), console: data(CONSOLE) }).toEqual(prima);
    expect(esegui('--solo-servizio', '--silenzioso')).toBe('');
  }, 300_000);

  it('a source newer than dist/ is found: the console and the service are out of date', () => {
    esegui();
    const sorgenti = [resolve('apps/console/src/main.tsx'), resolve('libs/domain/src/index.ts')];
    const originali = sorgenti.map((f) => statSync(f));
    try {
      const futuro = new Date(Date.now() + 60_000);
      utimesSync(sorgenti[0], futuro, futuro);
      expect(esegui('--solo-verifica')).toBe('servizio: già aggiornato, nessuna compilazione\nconsole: da ricompilare\n');
      utimesSync(sorgenti[1], futuro, futuro);
      expect(esegui('--solo-verifica')).toBe('servizio: da ricompilare\nconsole: da ricompilare\n');
      expect(esegui('--solo-verifica', '--solo-servizio')).toBe('servizio: da ricompilare\n');
    } finally {
      sorgenti.forEach((f, i) => utimesSync(f, originali[i].atime, originali[i].mtime));
    }
    expect(esegui('--solo-verifica')).toBe('servizio: già aggiornato, nessuna compilazione\nconsole: già aggiornato, nessuna compilazione\n');
  }, 300_000);
});
