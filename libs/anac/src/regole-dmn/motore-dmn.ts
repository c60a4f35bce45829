import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DmnModdle } from 'dmn-moddle';
import { evaluate, isFunction, unaryTest, type FeelFunction } from 'feelin';
import { alberoFeel, compilaEntrata, ricordaAlbero, type EntrataCompilata, type Nodo } from './feel-compilato.js';

/**
 * ANAC's validation rules of the PCP schede, as ANAC publishes them (repository
 * `anticorruzione/npa`, `docs/modello-dati/regole/*.dmn`): one DMN 1.3 decision table per scheda,
 * hit policy COLLECT, every matching rule an error whose code (REGnn / ERRnn) is in the rule's
 * output `{"idTipologica":"errori","codice":"…"}` and, with its text, in the rule's description.
 */
export interface RegolaDmn {
  readonly id: string;
  readonly codice: string;
  readonly descrizione: string;
  /** One FEEL unary test per input of the table ('' = any value). */
  readonly condizioni: readonly string[];
}

export interface TabellaDmn {
  readonly scheda: string;
  readonly politica: string;
  /** The names of the table's inputs (appalto, lotti, aggiudicazioni, stazioniAppaltanti …). */
  readonly input: readonly string[];
  readonly regole: readonly RegolaDmn[];
}

/** Which set of rules was used: the commit of ANAC's repository when known, otherwise a digest of the files. */
export interface IdentitaRegole {
  readonly commit?: string;
  readonly data?: string;
  /** sha256 of the names and contents of the tables loaded (always present). */
  readonly impronta: string;
  readonly origine: 'git' | 'VERSIONE' | 'file';
}

export interface InsiemeRegoleAnac {
  readonly identita: IdentitaRegole;
  readonly tabelle: ReadonlyMap<string, TabellaDmn>;
  readonly numeroTabelle: number;
  readonly numeroRegole: number;
  readonly caricamentoMs: number;
  /** How the tables' input entries were compiled at load ({@link statisticheCompilazione}). */
  readonly compilazione: StatisticheCompilazione;
}

/** Input entries (non-empty) of a set of tables, by how they are evaluated. */
export interface StatisticheCompilazione {
  readonly entrate: number;
  /** Translated entirely into JavaScript. */
  readonly javascript: number;
  /** Translated, with some parts handed to feelin (dates, now()/today() …). */
  readonly conPartiFeelin: number;
  /** Not translated: evaluated by feelin's interpreter, as before. */
  readonly feelin: number;
}

export interface ViolazioneDmn {
  readonly scheda: string;
  readonly regola: string;
  readonly codice: string;
  readonly descrizione: string;
}

/** ANAC_REGOLE_DIR may name the `regole` folder itself or the `modello-dati` folder above it. */
export function cartellaTabelle(dir: string): string {
  const assoluta = resolve(dir);
  const sotto = join(assoluta, 'regole');
  return existsSync(sotto) && statSync(sotto).isDirectory() ? sotto : assoluta;
}

const CODICE = /"codice"\s*:\s*"([A-Z]+[0-9]+(?:_[0-9]+)*)"/;

function codiceDellaRegola(output: string, descrizione: string): string | undefined {
  // The output is a FEEL string literal holding JSON: unescape its quotes before reading the code.
  const m = CODICE.exec(output.replace(/\\"/g, '"'));
  if (m) return m[1];
  return /^\s*((?:REG|ERR)[0-9]+(?:_[0-9]+)*)\s*:/.exec(descrizione)?.[1];
}

interface ElementoDmn {
  $type: string;
  id: string;
  name?: string;
  text?: string;
  description?: string;
  decisionLogic?: ElementoDmn & { hitPolicy?: string; input?: Array<{ inputExpression?: { text?: string } }>; rule?: ElementoDmn[] };
  inputEntry?: Array<{ text?: string }>;
  outputEntry?: Array<{ text?: string }>;
}

/**
 * FEEL's `list contains` compares contexts by content (ANAC tests `{idTipologica, codice}` items
 * with it); feelin compares them by reference. The tables' calls go to {@link contieneFeel}.
 */
const conContieneFeel = (test: string) =>
  secondoIntento(test).replace(/list\s+contains\s*\(/g, 'contieneFeel(').replace(/\bis\s+defined\s*\(/g, 'definitoFeel(');

/**
 * REG4_1 ("Non è stato indicato il campo Motivazione richiesta CIG") is written
 * `is defined(m) = false or ((m.codice = "")) and (some categoria … != "999")`: by FEEL's
 * precedence (`and` before `or`) it would fire on every scheda without motivazioneCig, also with
 * only category 999, where REG4_2 forbids the motivazione. Read as ANAC's two rules together mean
 * it: (missing or empty) and some category other than 999. Only this exact text is read so; a
 * changed text is evaluated as written.
 */
const secondoIntento = (test: string) =>
  test.replace(
    /is\s+defined\(appalto\.motivazioneCig\)\s*=\s*false\s+or\s+\(\(appalto\.motivazioneCig\.codice\s*=\s*""\)\)\s+and\s+/g,
    '(is defined(appalto.motivazioneCig) = false or appalto.motivazioneCig.codice = "") and ',
  );
/**
 * Camunda's `is defined(x)`, which feelin lacks (the name would be an unknown variable, null, and
 * every rule using it would never match): true when the path has a value. Our schede leave out
 * what they do not send, so a null value reads as not defined.
 */
export const definitoFeel = (valore: unknown): boolean => valore !== null && valore !== undefined;

/** `list contains(list, element)` with FEEL's equality by content (of JSON data); null when the list is not one. */
export function contieneFeel(lista: unknown, elemento: unknown): boolean | null {
  if (!Array.isArray(lista)) return null;
  // A string, boolean, finite number or null has the same JSON as another value only if identical.
  const t = typeof elemento;
  if (elemento === null || t === 'string' || t === 'boolean' || (t === 'number' && Number.isFinite(elemento))) return lista.some((x) => x === elemento);
  const json = JSON.stringify(elemento);
  return lista.some((x) => JSON.stringify(x) === json);
}

/**
 * FEEL's `now()` and `today()` as feelin gives them, read at most once a second: feelin's own read
 * the machine's time zone on every call (the Temporal polyfill builds an `Intl.DateTimeFormat`),
 * which was a third of a verification's time, as ANAC's deadline rules call them for every lot.
 * Within the second the value read is answered again; the rules compare deadlines to the second.
 */
let istante: { ms: number; now: unknown; today: unknown } = { ms: Number.NEGATIVE_INFINITY, now: null, today: null };
function adesso(): { now: unknown; today: unknown } {
  const ms = Date.now();
  if (ms - istante.ms >= 1000 || ms < istante.ms) istante = { ms, now: evaluate('now()').value, today: evaluate('today()').value };
  return istante;
}
const nowFeel = (): unknown => adesso().now;
const todayFeel = (): unknown => adesso().today;
/** What every entry may call besides its inputs: our two helpers and the cached now/today. */
const FUNZIONI = { contieneFeel, definitoFeel, now: nowFeel, today: todayFeel };

/** Reads one DMN file: every decision table in it (ANAC's have one, named after the scheda). */
export async function leggiTabelleDmn(xml: string): Promise<TabellaDmn[]> {
  const moddle = new DmnModdle();
  const { rootElement } = (await moddle.fromXML(xml, 'dmn:Definitions')) as unknown as { rootElement: { drgElement?: ElementoDmn[] } };
  const tabelle: TabellaDmn[] = [];
  for (const decisione of rootElement.drgElement ?? []) {
    const logica = decisione.decisionLogic;
    if (decisione.$type !== 'dmn:Decision' || logica?.$type !== 'dmn:DecisionTable') continue;
    const regole: RegolaDmn[] = [];
    for (const r of logica.rule ?? []) {
      const descrizione = (r.description ?? '').trim();
      const codice = codiceDellaRegola((r.outputEntry ?? []).map((o) => o.text ?? '').join(' '), descrizione);
      if (!codice) continue;
      regole.push({ id: r.id, codice, descrizione, condizioni: (r.inputEntry ?? []).map((e) => conContieneFeel((e.text ?? '').trim())) });
    }
    tabelle.push({
      scheda: decisione.id,
      politica: logica.hitPolicy ?? 'UNIQUE',
      input: (logica.input ?? []).map((i) => (i.inputExpression?.text ?? '').trim()),
      regole,
    });
  }
  return tabelle;
}

/** The commit of the git checkout holding `dir`, if any (reads `.git/HEAD` and the ref it names; no git binary). */
function commitGit(dir: string): { commit: string; data?: string } | undefined {
  let d = resolve(dir);
  for (;;) {
    const git = join(d, '.git');
    if (existsSync(join(git, 'HEAD'))) {
      const head = readFileSync(join(git, 'HEAD'), 'utf8').trim();
      const ref = /^ref:\s*(.+)$/.exec(head)?.[1];
      let commit: string | undefined = ref ? undefined : head;
      if (ref) {
        const file = join(git, ref);
        if (existsSync(file)) commit = readFileSync(file, 'utf8').trim();
        else if (existsSync(join(git, 'packed-refs'))) {
          commit = readFileSync(join(git, 'packed-refs'), 'utf8').split('\n').find((l) => l.endsWith(` ${ref}`))?.split(' ')[0];
        }
      }
      return commit && /^[0-9a-f]{40}$/.test(commit) ? { commit } : undefined;
    }
    const su = dirname(d);
    if (su === d) return undefined;
    d = su;
  }
}

/** A `VERSIONE` file beside or above the tables: `commit <sha>` and `data <yyyy-mm-dd>` lines (written by whoever copies ANAC's folder). */
function fileVersione(dir: string): { commit?: string; data?: string } | undefined {
  for (const d of [dir, dirname(dir)]) {
    const f = join(d, 'VERSIONE');
    if (!existsSync(f)) continue;
    const testo = readFileSync(f, 'utf8');
    return { commit: /commit\s*[:=]?\s*([0-9a-f]{7,40})/i.exec(testo)?.[1], data: /data\s*[:=]?\s*(\d{4}-\d{2}-\d{2})/i.exec(testo)?.[1] };
  }
  return undefined;
}

/** Where the reading of each DMN file is kept ({@link tabelleDelFile}): a folder, or false for none. */
export interface OpzioniCaricamento {
  /** Default: `cig-ledger-regole-dmn` in the system's temporary directory. */
  readonly cache?: string | false;
}

/**
 * Loads the decision tables of `schede` (all when omitted) from ANAC_REGOLE_DIR. Throws if the
 * folder has no tables: the caller decides whether to run with the hand-written checks.
 */
export async function caricaRegoleAnac(
  dir: string,
  schede?: readonly string[],
  orologio: () => number = Date.now,
  opzioni: OpzioniCaricamento = {},
): Promise<InsiemeRegoleAnac> {
  const cache = opzioni.cache ?? join(tmpdir(), 'cig-ledger-regole-dmn');
  const inizio = orologio();
  const cartella = cartellaTabelle(dir);
  const nomi = readdirSync(cartella)
    .filter((f) => f.endsWith('.dmn'))
    .filter((f) => !schede || schede.includes(f.replace(/\.dmn$/, '')))
    .sort();
  if (nomi.length === 0) throw new Error(`nessuna tabella DMN in ${cartella}`);
  const hash = createHash('sha256');
  let ultimaModifica = 0;
  const tabelle = new Map<string, TabellaDmn>();
  for (const nome of nomi) {
    const file = join(cartella, nome);
    const xml = readFileSync(file, 'utf8');
    hash.update(nome).update('\0').update(xml).update('\0');
    ultimaModifica = Math.max(ultimaModifica, statSync(file).mtimeMs);
    for (const t of await tabelleDelFile(xml, cache)) tabelle.set(t.scheda, t);
  }
  const impronta = hash.digest('hex');
  const git = commitGit(cartella);
  const versione = git ? undefined : fileVersione(cartella);
  const identita: IdentitaRegole = git
    ? { ...git, impronta, origine: 'git' }
    : versione
      ? { ...versione, impronta, origine: 'VERSIONE' }
      : { data: new Date(ultimaModifica).toISOString().slice(0, 10), impronta, origine: 'file' };
  const numeroRegole = [...tabelle.values()].reduce((n, t) => n + t.regole.length, 0);
  const compilazione = statisticheCompilazione([...tabelle.values()]);
  return { identita, tabelle, numeroTabelle: tabelle.size, numeroRegole, caricamentoMs: orologio() - inizio, compilazione };
}

/**
 * The tables of one DMN file, read once per content: dmn-moddle's reading and feelin's parse of
 * each entry (most of a load) are kept as JSON named by the sha256 of the file in `cartella`
 * (false: not kept). A missing or unreadable copy is read again from the XML.
 */
async function tabelleDelFile(xml: string, cartella: string | false): Promise<TabellaDmn[]> {
  if (cartella === false) return leggiTabelleDmn(xml);
  const file = join(cartella, `${createHash('sha256').update(FORMATO_CACHE).update(xml).digest('hex')}.json`);
  try {
    const copia = JSON.parse(readFileSync(file, 'utf8')) as Partial<CopiaTabelle>;
    if (Array.isArray(copia.tabelle) && copia.entrate && typeof copia.entrate === 'object') {
      for (const [test, e] of Object.entries(copia.entrate)) {
        if (!espressioni.has(test)) espressioni.set(test, e.espressione === true);
        ricordaAlbero(test, e.albero ?? null);
      }
      return copia.tabelle;
    }
  } catch {
    // not kept yet, or unreadable: read the XML
  }
  const tabelle = await leggiTabelleDmn(xml);
  const entrate: CopiaTabelle['entrate'] = {};
  for (const t of tabelle)
    for (const r of t.regole)
      for (const test of r.condizioni)
        if (test !== '' && test !== '-') entrate[test] = { espressione: espressione(test), albero: alberoFeel(test, FUNZIONI) };
  try {
    mkdirSync(cartella, { recursive: true });
    const temporaneo = `${file}.${process.pid}`;
    writeFileSync(temporaneo, JSON.stringify({ tabelle, entrate } satisfies CopiaTabelle));
    renameSync(temporaneo, file);
  } catch {
    // a read-only folder: read the XML every time
  }
  return tabelle;
}

/** The kept reading of a DMN file: its tables, and per entry text whether it is an expression and its parse tree. */
interface CopiaTabelle {
  readonly tabelle: TabellaDmn[];
  readonly entrate: Record<string, { readonly espressione: boolean; readonly albero: Nodo | null }>;
}
/** Changes when what is kept changes shape or reading (older copies are then ignored). */
const FORMATO_CACHE = 'tabelle-dmn/2';

/** `commit 21f8640c (2026-06-30)` or `file sha256:ab12… (2026-06-30)`: for logs, /ready and events. */
export function descriviIdentita(i: IdentitaRegole): string {
  const quale = i.commit ? `commit ${i.commit}` : `impronta sha256:${i.impronta.slice(0, 16)}`;
  return i.data ? `${quale} (${i.data})` : quale;
}

/**
 * One input entry. ANAC writes them as whole boolean expressions over the named inputs
 * (`some lotto in lotti satisfies …`): evaluated as an expression, true matches and false or null
 * (a path the data lack) does not, as in Camunda's engine. Anything else (`> 5`, `"AD5"`) is a
 * unary test on the input's value.
 */
function soddisfatta(test: string, contesto: Record<string, unknown>): boolean {
  try {
    const v = evaluate(test, contesto).value;
    if (typeof v === 'boolean') return v;
    if (v === null || v === undefined) return false;
  } catch {
    // not an expression: a unary test
  }
  try {
    return unaryTest(test, contesto).value === true;
  } catch {
    return false;
  }
}

/** One non-empty input entry of a rule: which input it tests, its text, its compiled form if any. */
interface Condizione {
  readonly indice: number;
  readonly test: string;
  readonly js?: EntrataCompilata;
}

interface TabellaPreparata {
  readonly regole: ReadonlyArray<{ readonly regola: RegolaDmn; readonly condizioni: readonly Condizione[] }>;
}

const preparate = new WeakMap<TabellaDmn, TabellaPreparata>();
const OPZIONI = { funzioni: FUNZIONI, chiaveTempo: () => adesso(), avvolgi: conAssentiNulli };
const entrateJs = new Map<string, EntrataCompilata | null>();

/**
 * The table's entries compiled into JavaScript ({@link compilaEntrata}), once per table (at load
 * for the tables {@link caricaRegoleAnac} reads, at first use for others). An entry is compiled
 * only where feelin's path would compile it too (an expression, not a unary test).
 */
function preparaTabella(tabella: TabellaDmn): TabellaPreparata {
  let p = preparate.get(tabella);
  if (p) return p;
  p = {
    regole: tabella.regole.map((regola) => ({
      regola,
      condizioni: regola.condizioni.flatMap((test, indice): Condizione[] => {
        if (test === '' || test === '-') return [];
        const chiave = `${tabella.input.join(',')}\u0000${test}`;
        let js = entrateJs.get(chiave);
        if (js === undefined) {
          js = espressione(test) ? (compilaEntrata(tabella.input, test, OPZIONI) ?? null) : null;
          entrateJs.set(chiave, js);
        }
        return [js ? { indice, test, js } : { indice, test }];
      }),
    })),
  };
  preparate.set(tabella, p);
  return p;
}

/** How the entries of `tabelle` are evaluated (compiling them if not yet done). */
export function statisticheCompilazione(tabelle: readonly TabellaDmn[]): StatisticheCompilazione {
  let entrate = 0;
  let javascript = 0;
  let conPartiFeelin = 0;
  for (const t of tabelle)
    for (const r of preparaTabella(t).regole)
      for (const c of r.condizioni) {
        entrate++;
        if (c.js?.delegate === 0) javascript++;
        else if (c.js) conPartiFeelin++;
      }
  return { entrate, javascript, conPartiFeelin, feelin: entrate - javascript - conPartiFeelin };
}

/**
 * Evaluates one table, hit policy COLLECT: every rule whose every input test holds is returned.
 * An empty test (or `-`) matches anything. A test FEEL cannot evaluate on these data (null, a
 * missing path) does not match: ANAC's engine returns no hit for it either. Entries run as their
 * compiled JavaScript; one not compiled, or whose JavaScript leaves the data to feelin, is
 * evaluated by feelin exactly as {@link valutaTabellaInterpretata} does.
 */
export function valutaTabella(tabella: TabellaDmn, dati: Readonly<Record<string, unknown>>): ViolazioneDmn[] {
  const violazioni: ViolazioneDmn[] = [];
  const argomenti = tabella.input.map((nome) => dati[nome] ?? null);
  let avvolti: unknown[] | undefined;
  const interpretata = (c: Condizione): boolean =>
    esitoInterpretato(tabella, c.indice, c.test, (avvolti ??= argomenti.map(conAssentiNulli)), dati);
  for (const { regola, condizioni } of preparaTabella(tabella).regole) {
    let tutte = true;
    for (let i = 0; i < condizioni.length && tutte; i++) {
      const c = condizioni[i];
      let esito: boolean | undefined;
      if (c.js) {
        try {
          const v = c.js.valuta(argomenti);
          esito = typeof v === 'boolean' ? v : v === null || v === undefined ? false : undefined;
        } catch {
          esito = undefined; // left to feelin (Rinuncia), or feelin fails there too
        }
      }
      tutte = esito ?? interpretata(c);
    }
    if (tutte) violazioni.push({ scheda: tabella.scheda, regola: regola.id, codice: regola.codice, descrizione: regola.descrizione });
  }
  return violazioni;
}

/**
 * The same table evaluated by feelin's interpreter only (each entry a FEEL function compiled once
 * by feelin, else an expression or unary test evaluated per call): what {@link valutaTabella} must
 * agree with, and the baseline of `bench:verifica`.
 */
export function valutaTabellaInterpretata(tabella: TabellaDmn, dati: Readonly<Record<string, unknown>>): ViolazioneDmn[] {
  const violazioni: ViolazioneDmn[] = [];
  const argomenti = tabella.input.map((nome) => conAssentiNulli(dati[nome] ?? null));
  for (const regola of tabella.regole) {
    let tutte = true;
    for (let i = 0; i < regola.condizioni.length && tutte; i++) {
      const test = regola.condizioni[i];
      if (test === '' || test === '-') continue;
      tutte = esitoInterpretato(tabella, i, test, argomenti, dati);
    }
    if (tutte) violazioni.push({ scheda: tabella.scheda, regola: regola.id, codice: regola.codice, descrizione: regola.descrizione });
  }
  return violazioni;
}

/** One entry by feelin: its compiled FEEL function if any, else the expression (or unary test) itself. */
function esitoInterpretato(tabella: TabellaDmn, i: number, test: string, argomenti: readonly unknown[], dati: Readonly<Record<string, unknown>>): boolean {
  const compilata = compila(tabella.input, test);
  const esito = compilata ? chiama(compilata, argomenti) : undefined;
  return esito ?? soddisfatta(test, { ...dati, ...FUNZIONI, '?': dati[tabella.input[i]] });
}

/**
 * The scheda's data as the compiled entries read them: a field the data lack reads as null at once.
 * feelin, not finding a name among an object's own keys, compares it with every key normalized
 * (`Object.entries(…).find(normalizeContextKey …)`), and ANAC's rules test many fields our schede
 * leave out, in every lot: that search was most of a verification. Here every string key is
 * reported as an own property (undefined when absent, which FEEL reads as null, as before); the
 * real keys, their values and JSON.stringify are unchanged. Nested objects are wrapped on access.
 */
const avvolti = new WeakMap<object, object>();
const ASSENTE: PropertyDescriptor = { value: undefined, writable: true, enumerable: false, configurable: true };
const TRAPPOLE: ProxyHandler<object> = {
  getOwnPropertyDescriptor: (t, k) => Reflect.getOwnPropertyDescriptor(t, k) ?? (typeof k === 'string' && !Array.isArray(t) ? ASSENTE : undefined),
  get: (t, k, r) => conAssentiNulli(Reflect.get(t, k, r)),
};
function conAssentiNulli<T>(v: T): T {
  if (v === null || typeof v !== 'object' || !(Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype)) return v;
  let p = avvolti.get(v);
  if (!p) avvolti.set(v, (p = new Proxy(v, TRAPPOLE)));
  return p as T;
}

/**
 * feelin parses an expression on every evaluation (about 7 ms for one of ANAC's entries, most of
 * a verification). An entry that is an expression is compiled once into a FEEL function of the
 * table's inputs, `function(appalto, lotti, …) <entry>`, and called with each scheda's data.
 * Unary tests (`> 5`) and entries that do not compile are evaluated as before.
 */
const compilate = new Map<string, FeelFunction | null>();

function compila(input: readonly string[], test: string): FeelFunction | null {
  const chiave = `${input.join(',')}\u0000${test}`;
  let f = compilate.get(chiave);
  if (f === undefined) {
    f = null;
    if (input.every((nome) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(nome))) {
      try {
        if (!espressione(test)) throw new Error('not an expression');
        const v = evaluate(`function(${input.join(', ')}) ${test}`, FUNZIONI).value;
        f = isFunction(v) ? v : null;
      } catch {
        f = null;
      }
    }
    compilate.set(chiave, f);
  }
  return f;
}

/** Whether feelin evaluates `test` as an expression (a unary test is a syntax error as one), once per text. */
const espressioni = new Map<string, boolean>();
function espressione(test: string): boolean {
  let si = espressioni.get(test);
  if (si === undefined) {
    try {
      evaluate(test, {});
      si = true;
    } catch {
      si = false;
    }
    espressioni.set(test, si);
  }
  return si;
}

/** The compiled entry's answer: true or false; undefined when it gives no boolean (then evaluated as before). */
function chiama(f: FeelFunction, argomenti: readonly unknown[]): boolean | undefined {
  try {
    const v: unknown = f.fn(...argomenti);
    if (typeof v === 'boolean') return v;
    return v === null || v === undefined ? false : undefined;
  } catch {
    return undefined;
  }
}
