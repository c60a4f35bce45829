#!/usr/bin/env node
/**
 * Draws the picture of imports of the service (apps/cig-service/src) that docs/architecture.md shows,
 * from what dependency-cruiser finds in the code (the rules of .dependency-cruiser.cjs hold it):
 *  - by layer: controllers -> commands and queries -> handlers -> domain and stores;
 *  - by area: each area's arrows to the shared places and to what another area publishes.
 * Specs, test support, modules and composition roots are left out (they wire what they use).
 *
 *   node scripts/disegna-dipendenze.mjs            rewrites the picture between the markers of docs/architecture.md
 *   node scripts/disegna-dipendenze.mjs --verifica exits 1 when the committed picture differs from the code's
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DOC = 'docs/architecture.md';
const INIZIO = '<!-- dipendenze:inizio (npm run docs:dipendenze) -->';
const FINE = '<!-- dipendenze:fine -->';
const SRC = 'apps/cig-service/src/';

const depcruise = fileURLToPath(new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url));
const json = execFileSync(
  process.execPath,
  [depcruise, SRC, '--config', '.dependency-cruiser.cjs', '--output-type', 'json', '--do-not-follow', '^(node_modules|libs/)', '--no-progress'],
  { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
);
const { modules } = JSON.parse(json);

const fuori = (f) => /\.(int-)?spec\.ts$/.test(f) || f.startsWith(`${SRC}testing/`);
const CONDIVISI = ['http', 'infrastructure', 'security', 'regole', 'anac-simog'];
/** The composition roots and each area's module: they wire everything, so they would only blur the picture. */
const COMPOSIZIONE = /^apps\/cig-service\/src\/((bootstrap|app\.module|main|genera-client)\.ts|infrastructure\/(migrazioni|infrastructure\.module|runtime)\.ts|.*\.module\.ts)$/;

/** The layer a file belongs to, or undefined when the picture does not show it. */
function strato(f) {
  if (f.startsWith('libs/domain/')) return 'dominio';
  if (f.startsWith('libs/event-store/') || f.startsWith('libs/read-models/') || f === `${SRC}infrastructure/aggregate-store.ts`) return 'store';
  if (!f.startsWith(SRC) || fuori(f) || COMPOSIZIONE.test(f)) return undefined;
  if (/\.controller\.ts$/.test(f)) return 'controller';
  if (/\.(command|commands|query|queries|messaggi|dto)\.ts$/.test(f)) return 'messaggi';
  if (/\.handlers?\.ts$/.test(f)) return 'handler';
  const area = f.slice(SRC.length).split('/')[0];
  if (CONDIVISI.includes(area)) return 'condivisi';
  return f.slice(SRC.length).includes('/') ? 'servizi' : undefined;
}

const ETICHETTE = {
  controller: 'controllers<br/>(area/verbo/*.controller.ts)',
  messaggi: 'commands, queries, DTOs',
  handler: 'handlers<br/>(@CommandHandler / @QueryHandler)',
  servizi: "area services<br/>(loaders, process manager, consumers, the area's tables)",
  condivisi: 'shared places<br/>(http, infrastructure, security, regole, anac-simog)',
  dominio: 'libs/domain<br/>(pure deciders)',
  store: 'stores<br/>(libs/event-store, libs/read-models, AggregateStore)',
};
const ORDINE = Object.keys(ETICHETTE);

const strati = new Map();
const aree = new Map();
const areaDi = (f) => (f.startsWith(SRC) && !fuori(f) && !COMPOSIZIONE.test(f) && f.slice(SRC.length).includes('/') ? f.slice(SRC.length).split('/')[0] : undefined);
for (const m of modules) {
  if (fuori(m.source) || COMPOSIZIONE.test(m.source)) continue;
  for (const d of m.dependencies) {
    const da = strato(m.source);
    const a = strato(d.resolved);
    // By layer, what runs: an import of types only (a command's result type) is left out.
    if (da && a && da !== a && !d.dependencyTypes.includes('type-only')) strati.set(`${da} ${a}`, (strati.get(`${da} ${a}`) ?? 0) + 1);
    const areaDa = areaDi(m.source);
    const areaA = areaDi(d.resolved);
    if (areaDa && areaA && areaDa !== areaA) {
      const k = `${areaDa} ${areaA}`;
      if (!aree.has(k)) aree.set(k, new Set());
      if (!CONDIVISI.includes(areaA)) aree.get(k).add(d.resolved.slice(SRC.length + areaA.length + 1).replace(/\.ts$/, ''));
    }
  }
}

const id = (x) => x.replace(/[^A-Za-z0-9]/g, '_');
const righeStrati = [...strati]
  .sort(([a], [b]) => {
    const [a1, a2] = a.split(' ');
    const [b1, b2] = b.split(' ');
    return ORDINE.indexOf(a1) - ORDINE.indexOf(b1) || ORDINE.indexOf(a2) - ORDINE.indexOf(b2);
  })
  .map(([k]) => {
    const [da, a] = k.split(' ');
    return `  ${da} --> ${a}`;
  });
const nodiStrati = ORDINE.filter((s) => [...strati.keys()].some((k) => k.split(' ').includes(s))).map((s) => `  ${s}["${ETICHETTE[s]}"]`);

const nomiAree = [...new Set([...aree.keys()].flatMap((k) => k.split(' ')))].sort();
const righeAree = [...aree]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([k, file]) => {
    const [da, a] = k.split(' ');
    return file.size > 0 ? `  ${id(da)} -->|"${[...file].sort().join(', ')}"| ${id(a)}` : `  ${id(da)} --> ${id(a)}`;
  });
const nodiAree = nomiAree.map((a) => (CONDIVISI.includes(a) ? `  ${id(a)}[("${a}/")]` : `  ${id(a)}["${a}/"]`));

const picture = [
  INIZIO,
  '',
  'By layer (arrows: imports of values; imports of types only, modules, composition roots, specs and test support left out; dotted: the dispatch through the bus, not an import):',
  '',
  '```mermaid',
  'flowchart TD',
  ...nodiStrati,
  ...righeStrati,
  // Not an import: a controller sends its command or query, the bus finds the handler.
  '  messaggi -. "CommandBus / QueryBus" .-> handler',
  '```',
  '',
  'By area (every import; rounded: the shared places; an arrow between two areas names the published files it reaches):',
  '',
  '```mermaid',
  'flowchart LR',
  ...nodiAree,
  ...righeAree,
  '```',
  '',
  FINE,
].join('\n');

const doc = readFileSync(DOC, 'utf8');
const i = doc.indexOf(INIZIO);
const j = doc.indexOf(FINE);
if (i < 0 || j < i) {
  console.error(`${DOC}: markers ${INIZIO} … ${FINE} not found`);
  process.exit(1);
}
const nuovo = doc.slice(0, i) + picture + doc.slice(j + FINE.length);
if (process.argv.includes('--verifica')) {
  if (nuovo !== doc) {
    console.error(`${DOC}: the picture of imports differs from the code; run npm run docs:dipendenze and commit it`);
    process.exit(1);
  }
  console.log(`${DOC}: the picture of imports matches the code`);
} else {
  writeFileSync(DOC, nuovo);
  console.log(`${DOC}: picture of imports rewritten`);
}
