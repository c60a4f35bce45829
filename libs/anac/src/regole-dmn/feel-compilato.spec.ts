import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COPIA_LOCALE, copiaLocaleDisponibile } from '../../../../apps/anac-sim/src/testing/copia-locale.js';
import { cartellaTabelle, leggiTabelleDmn, statisticheCompilazione, valutaTabella, valutaTabellaInterpretata, type TabellaDmn } from './motore-dmn.js';
import { SCHEDE_CON_REGOLE } from './regole-anac.js';

/**
 * The compiled engine (`valutaTabella`: entries translated to JavaScript) against feelin's
 * interpreter (`valutaTabellaInterpretata`, the engine before): same hits on the same data, for
 * every input entry of ANAC's tables, on data generated from the fields each entry reads.
 */

const MODELLO_DATI = join(COPIA_LOCALE, 'modello-dati');

/** A one-rule table testing only `test` on input `i`: the hit of that entry alone. */
function tabellaDiUnaEntrata(input: readonly string[], i: number, test: string): TabellaDmn {
  return {
    scheda: 'T',
    politica: 'COLLECT',
    input,
    regole: [{ id: 'r', codice: 'REG0', descrizione: '', condizioni: input.map((_, k) => (k === i ? test : '')) }],
  };
}

type Schema = Map<string, Schema>;
/** The nodes of a schema the entries iterate (`some x in <node>`, `for`): lists, mostly. */
const liste = new WeakSet<Schema>();

/**
 * The fields the entries read, as a tree from the table's inputs: `lotto.datiBase.importo` under
 * `some lotto in lotti` is `lotti → datiBase → importo`; `x[item.tipo = …]` reads `x → tipo`.
 */
function schema(input: readonly string[], testi: readonly string[]): Schema {
  const radice: Schema = new Map(input.map((nome) => [nome, new Map()]));
  for (const test of testi) {
    const testo = test
      .replace(/"(?:[^"\\]|\\.)*"/g, '""')
      .replace(/\[\s*item\s*\.\s*(\w+)[^\]]*\]/g, '.$1')
      .replace(/\[[^\]]*\]/g, '')
      .replace(/\s*\.\s*(?=[A-Za-z_])/g, '.');
    const alias = new Map<string, string[]>();
    const risolvi = (catena: string[]): string[] => (alias.has(catena[0]) ? [...alias.get(catena[0])!, ...catena.slice(1)] : catena);
    const nodoDi = (catena: string[]): Schema | undefined => {
      if (!radice.has(catena[0])) return undefined;
      let nodo = radice.get(catena[0])!;
      for (const campo of catena.slice(1)) {
        if (!nodo.has(campo)) nodo.set(campo, new Map());
        nodo = nodo.get(campo)!;
      }
      return nodo;
    };
    for (const m of testo.matchAll(/\b(?:some|every|for)\s+(\w+)\s+in\s+([A-Za-z_][\w.]*)/g)) {
      const catena = risolvi(m[2].split('.'));
      alias.set(m[1], catena);
      const nodo = nodoDi(catena);
      if (nodo) liste.add(nodo);
    }
    for (const m of testo.matchAll(/[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/g)) nodoDi(risolvi(m[0].split('.')));
  }
  return radice;
}

/** Values where the entries' tests change answer: their own literals, zero, thresholds, nulls, lists. */
function foglie(testi: readonly string[]): fc.Arbitrary<unknown> {
  const letterali = testi.flatMap((t) => [...t.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]));
  const stringhe = [...new Set([...letterali, '', 'x', 'http://a.it', 'https://a.it', 'ftp://a', '2020-01-01T10:00:00Z', '2099-12-31T23:59:59Z', '2020-01-01', '-2020-01-01T00:00:00Z', '999'])];
  const soglie = testi.flatMap((t) => [...t.replace(/"(?:[^"\\]|\\.)*"/g, '').matchAll(/\b\d+(?:\.\d+)?\b/g)].map((m) => Number(m[0])));
  const numeri = [...new Set([0, 1, -1, 0.5, ...soglie.flatMap((n) => [n - 1, n, n + 1])])];
  const foglia = fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 2, arbitrary: fc.boolean() },
    { weight: 4, arbitrary: fc.constantFrom(...numeri) },
    { weight: 1, arbitrary: fc.integer({ min: -10, max: 2_000_000 }) },
    { weight: 2, arbitrary: fc.constantFrom(...stringhe) },
    { weight: letterali.length > 0 ? 6 : 0, arbitrary: fc.constantFrom(...letterali, '') },
    { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
  );
  return fc.oneof({ weight: 8, arbitrary: foglia }, { weight: 1, arbitrary: fc.array(foglia, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.constant({}) });
}

/** A field left out of the data (not null: absent), about one time in twelve. */
const ASSENTE = Symbol('assente');
const forseAssente = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 11, arbitrary: a }, { weight: 1, arbitrary: fc.constant(ASSENTE) });
const senzaAssenti = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ASSENTE));

function arbitrario(nodo: Schema, foglia: fc.Arbitrary<unknown>, profondita = 0): fc.Arbitrary<unknown> {
  const lista = liste.has(nodo);
  if (nodo.size === 0 || profondita > 6) return lista ? fc.oneof(fc.array(foglia, { maxLength: 3 }), foglia) : foglia;
  const oggetto = fc.record(Object.fromEntries([...nodo].map(([k, figlio]) => [k, forseAssente(arbitrario(figlio, foglia, profondita + 1))]))).map(senzaAssenti);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: lista ? 2 : 14, arbitrary: oggetto },
    { weight: lista ? 14 : 5, arbitrary: fc.array(oggetto, { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: foglia },
  );
}

/** The data of a table's inputs (some left out), shaped by what `testi` read. */
function dati(input: readonly string[], testi: readonly string[]): fc.Arbitrary<Record<string, unknown>> {
  const foglia = foglie(testi);
  const s = schema(input, testi);
  const forma = fc.record(Object.fromEntries(input.map((nome) => [nome, forseAssente(arbitrario(s.get(nome)!, foglia))]))).map(senzaAssenti);
  return fc.oneof({ weight: 9, arbitrary: forma }, { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...input), fc.jsonValue({ maxDepth: 3 })) });
}

describe('compiled FEEL entries agree with feelin on hand-picked cases', () => {
  const casi: Array<[string, Record<string, unknown>]> = [
    ['appalto.a = null', { appalto: {} }],
    ['appalto.a = null', { appalto: { a: 0 } }],
    ['appalto.a != ""', { appalto: { a: 1 } }], // number against string: null, no hit
    ['appalto.a > 5 or appalto.b', { appalto: { a: null, b: true } }], // null or true
    ['appalto.a > 5 and appalto.b', { appalto: { a: 'x', b: true } }], // "x" > 5 in JavaScript: false
    ['appalto.a <= 5', { appalto: { a: 'x' } }], // incomparable: neither < nor >, so <= holds as in feelin
    ['count(lotti.a) = 1', { lotti: { a: 3 } }], // a single value counts 1
    ['count(distinct values(lotti.a)) < count(lotti.a)', { lotti: [{ a: 1 }, { a: 1 }, {}] }],
    ['sum(for i in 1..count(lotti) return lotti[i].v) > 3', { lotti: [{ v: 2 }, { v: 2 }] }],
    ['sum(for i in 1..count(lotti) return lotti[i].v) > 3', { lotti: [] }],
    ['sum(for i in 1..count(lotti) return lotti[i].v) > 3', { lotti: [{ v: 2 }, {}] }],
    ['count(lotti[item.t = "P"]) = 1', { lotti: [{ t: 'P' }, { t: 'Q' }, null] }],
    ['some l in lotti satisfies l.x', { lotti: [{ x: 'yes' }] }], // a non-boolean is "truthy" for some
    ['every l in lotti satisfies l.x', { lotti: [] }],
    ['some l in lotti satisfies l.x', { lotti: 'no list' }],
    ['lotti[1] = ""', { lotti: [''] }],
    ['lotti[-1].a = 2', { lotti: [{ a: 1 }, { a: 2 }] }],
    ['list contains(["1","2"], appalto.c.codice)', { appalto: { c: { codice: '2' } } }],
    ['is defined(appalto.c) = false', { appalto: {} }],
    ['not(appalto.c)', { appalto: { c: 'x' } }],
    ['starts with(appalto.u, "http:") = false', { appalto: { u: ['https://a'] } }],
    ['appalto.a < appalto.b', { appalto: { a: 1, b: true } }], // feelin fails: no hit either way
    ['appalto.a + appalto.b > 2', { appalto: { a: 1, b: '2' } }],
    ['appalto.a = appalto.b', { appalto: { a: [1], b: 1 } }], // a one-element list equals its element
    ['appalto.a = appalto.b', { appalto: { a: { x: 1 }, b: { x: 1 } } }],
    [
      'some l in lotti satisfies date and time(substring before(l.d, "Z")) <= date and time(string(today()) + "T" + string(time(now().hour, now().minute, now().second)))',
      { lotti: [{ d: '2099-01-01T00:00:00Z' }, { d: '2020-01-01T00:00:00Z' }] },
    ],
  ];
  it.each(casi)('%s on %j', (test, d) => {
    const t = tabellaDiUnaEntrata(['appalto', 'lotti'], 0, test);
    expect(valutaTabella(t, d)).toEqual(valutaTabellaInterpretata(t, d));
  });

  it('the same answers as fixed by hand (so the comparison itself is not vacuous)', () => {
    const colpisce = (test: string, d: Record<string, unknown>) => valutaTabella(tabellaDiUnaEntrata(['appalto', 'lotti'], 0, test), d).length === 1;
    expect(colpisce('appalto.a = null', { appalto: {} })).toBe(true);
    expect(colpisce('appalto.a != ""', { appalto: { a: 1 } })).toBe(false);
    expect(colpisce('appalto.a > 5 or appalto.b', { appalto: { a: null, b: true } })).toBe(true);
    expect(colpisce('appalto.a > 5 and appalto.b', { appalto: { a: null, b: true } })).toBe(false);
    expect(colpisce('count(lotti.a) = 1', { lotti: { a: 3 } })).toBe(true);
    expect(colpisce('count(lotti[item.t = "P"]) = 1', { lotti: [{ t: 'P' }, { t: 'Q' }] })).toBe(true);
    expect(colpisce('sum(for i in 1..count(lotti) return lotti[i].v) > 3', { lotti: [{ v: 2 }, { v: 2 }] })).toBe(true);
    expect(colpisce('sum(for i in 1..count(lotti) return lotti[i].v) > 3', { lotti: [{ v: 2 }, {}] })).toBe(false);
  });
});

(copiaLocaleDisponibile() ? describe : describe.skip)("compiled FEEL entries agree with feelin on every entry of ANAC's tables", () => {
  const cartella = cartellaTabelle(MODELLO_DATI);
  let tabelle: TabellaDmn[] = [];
  beforeAll(async () => {
    tabelle = [];
    for (const f of readdirSync(cartella).filter((n) => n.endsWith('.dmn')).sort()) tabelle.push(...(await leggiTabelleDmn(readFileSync(join(cartella, f), 'utf8'))));
  });

  it('every entry of every table compiles (some with parts left to feelin), none left wholly to feelin', () => {
    const s = statisticheCompilazione(tabelle);
    expect(s.entrate).toBeGreaterThan(2000);
    expect(s.feelin).toBe(0);
    expect(s.javascript).toBeGreaterThan(s.entrate * 0.9);
  });

  /** Every distinct (inputs, entry) of the tables, those of the schede we send first. */
  function entrate(delleSchede: boolean): Array<{ input: readonly string[]; i: number; test: string }> {
    const viste = new Set<string>();
    const esito: Array<{ input: readonly string[]; i: number; test: string }> = [];
    for (const t of tabelle) {
      if ((SCHEDE_CON_REGOLE as readonly string[]).includes(t.scheda) !== delleSchede) continue;
      for (const r of t.regole)
        r.condizioni.forEach((test, i) => {
          const chiave = `${t.input.join(',')}|${i}|${test}`;
          if (test === '' || test === '-' || viste.has(chiave)) return;
          viste.add(chiave);
          esito.push({ input: t.input, i, test });
        });
    }
    return esito;
  }

  /**
   * Each entry on `numRuns` generated data; the data must make most entries both hit and miss,
   * or the agreement would say little.
   */
  const confronta = (numRuns: number, delleSchede: boolean, decisiAlmeno: number) => {
    const tutte = entrate(delleSchede);
    expect(tutte.length).toBeGreaterThan(delleSchede ? 80 : 100);
    let decise = 0;
    for (const { input, i, test } of tutte) {
      const t = tabellaDiUnaEntrata(input, i, test);
      let colpi = 0;
      let mancati = 0;
      fc.assert(
        fc.property(dati(input, [test]), (d) => {
          const compilata = valutaTabella(t, d);
          expect(compilata).toEqual(valutaTabellaInterpretata(t, d));
          if (compilata.length > 0) colpi++;
          else mancati++;
        }),
        { numRuns, seed: 20261206, examples: [[{}], [Object.fromEntries(input.map((n) => [n, null]))]] },
      );
      if (colpi > 0 && mancati > 0) decise++;
    }
    process.stdout.write(`${decise} of ${tutte.length} entries both hit and missed on the generated data\n`);
    expect(decise).toBeGreaterThan(tutte.length * decisiAlmeno);
  };

  it('each entry of the tables of the schede we send (AD5, AD3, P5, P2_16, P2_17, P1_16, P1_17)', () => confronta(60, true, 0.7), 600_000);
  it('each entry of the other tables of the folder', () => confronta(30, false, 0.5), 600_000);

  it('whole tables of the schede we send, on data shaped by all their entries', () => {
    for (const t of tabelle.filter((x) => (SCHEDE_CON_REGOLE as readonly string[]).includes(x.scheda))) {
      const testi = t.regole.flatMap((r) => r.condizioni.filter((c) => c !== '' && c !== '-'));
      fc.assert(
        fc.property(dati(t.input, testi), (d) => {
          expect(valutaTabella(t, d)).toEqual(valutaTabellaInterpretata(t, d));
        }),
        { numRuns: 40, seed: 20261206 },
      );
    }
  }, 600_000);
});
