// Compiles only what is out of date before `npm start` and `npm run cli`: the service (tsc -b) when
// a source is newer than its last build, the web console (vite) when one of its files is newer
// than dist/console. With nothing changed it reads file dates only and starts nothing.
//
//   node scripts/costruisci-se-serve.mjs [--solo-servizio] [--solo-verifica] [--silenzioso]
//
// --solo-servizio  the console is not looked at (the CLI does not need it)
// --solo-verifica  says what is out of date and exits (0), building nothing
// --silenzioso     prints only when it builds
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const radice = resolve(fileURLToPath(new URL('..', import.meta.url)));
const argomenti = new Set(process.argv.slice(2));
const soloVerifica = argomenti.has('--solo-verifica');
const silenzioso = argomenti.has('--silenzioso');

/** The newest modification time (ms) of the files under `percorsi` that `tiene` keeps; 0 when none. */
export function piuRecente(percorsi, tiene = () => true) {
  let massimo = 0;
  const visita = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const voce of readdirSync(p)) if (voce !== 'node_modules' && !voce.startsWith('.')) visita(join(p, voce));
    } else if (tiene(p)) massimo = Math.max(massimo, s.mtimeMs);
  };
  for (const p of percorsi) visita(p);
  return massimo;
}

const modificato = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
const r = (...parti) => join(radice, ...parti);

const obiettivi = [
  {
    nome: 'servizio',
    // What tsconfig.build.json compiles (tests and the console excluded), and the configuration it reads.
    sorgenti: () =>
      Math.max(
        piuRecente([r('apps'), r('libs'), r('bench')], (f) => /\.(ts|tsx|json)$/.test(f) && !/\.(e2e-|int-)?spec\.ts$/.test(f) && !f.startsWith(r('apps', 'console'))),
        piuRecente([r('tsconfig.json'), r('tsconfig.build.json'), r('package.json'), r('package-lock.json')]),
      ),
    costruito: r('dist', 'tsconfig.build.tsbuildinfo'),
    costruisci: () => esegui(r('node_modules', '.bin', 'tsc'), ['-b', 'tsconfig.build.json']),
  },
  {
    nome: 'console',
    sorgenti: () => piuRecente([r('apps', 'console'), r('package-lock.json')]),
    costruito: r('dist', 'console', 'index.html'),
    costruisci: () => esegui('npm', ['run', '--silent', 'build:console']),
  },
].filter((o) => !(argomenti.has('--solo-servizio') && o.nome === 'console'));

function esegui(comando, args) {
  execFileSync(comando, args, { cwd: radice, stdio: 'inherit' });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const o of obiettivi) {
    const costruitoIl = modificato(o.costruito);
    const daRifare = costruitoIl === 0 || o.sorgenti() > costruitoIl;
    if (!daRifare) {
      if (!silenzioso) process.stdout.write(`${o.nome}: già aggiornato, nessuna compilazione\n`);
      continue;
    }
    if (soloVerifica) {
      process.stdout.write(`${o.nome}: da ricompilare\n`);
      continue;
    }
    process.stdout.write(`${o.nome}: sorgenti modificati, compilazione…\n`);
    o.costruisci();
    // tsc -b may find nothing to emit (a file saved unchanged): the date says "built now" all the same.
    const adesso = new Date();
    if (existsSync(o.costruito)) utimesSync(o.costruito, adesso, adesso);
  }
}
