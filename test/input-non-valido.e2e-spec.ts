import { readFileSync } from 'node:fs';
import { POLITICA, type Azione } from '../apps/cig-service/src/security/policy.js';
import { CDC, RUP } from './support/appalti.js';
import { ESEMPI, type Risorse, risorseDelBuyer } from './support/esempi-endpoint.js';
import { SENZA_LIMITE_RICHIESTE, send, servizioDellaSuite, startTestService, type TestResponse } from './support/service.js';

/**
 * Bad input on every route of the API, walked from its OpenAPI document: missing, empty,
 * wrong-typed, huge and unstorable values (NUL, lone surrogates, 1e400, -0) in every field of
 * every body, bad query and path parameters, and JSON nested deeper than anyone needs. Every
 * answer is a 4xx problem+json in Italian naming the field: never a 500, never a raw database
 * error, never class-validator's or Nest's English.
 */

/** class-validator's default messages and Nest's / Express's own, none of which may reach a user. */
const INGLESE =
  /\b(must|should|shorter|longer|characters|each value|nested property|property|conform|Validation failed|is expected|Bad Request|Not Found|Cannot|Unexpected|Unsupported|entity|Internal server error|Forbidden|Unauthorized|expected|invalid|a string|a number|an integer|a boolean|an array|an object|does not exist|violates|syntax error|out of range)\b/i;

interface Schema {
  readonly $ref?: string;
  readonly allOf?: readonly Schema[];
  readonly type?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
}
interface Operazione {
  readonly 'x-permesso'?: Azione;
  readonly parameters?: ReadonlyArray<{ name: string; in: string; required?: boolean }>;
  readonly requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Documento {
  readonly paths: Record<string, Record<string, Operazione>>;
  readonly components: { schemas: Record<string, Schema> };
}

/** A field of a request body: where it is in the example, its name as the answer reports it, its schema. */
interface Campo {
  readonly percorso: ReadonlyArray<string | number>;
  readonly nome: string;
  readonly schema: Schema;
  readonly obbligatorio: boolean;
}

const UTENTI = (JSON.parse(readFileSync('config/anagrafica.seed.json', 'utf8')) as { utenti: Array<{ userId: string; ruoli: string[]; ufficio: string }> }).utenti;

describe('bad input on every route: a clear Italian 4xx, never a 500', () => {
  const t = servizioDellaSuite(() => startTestService(SENZA_LIMITE_RICHIESTE));
  let doc: Documento;
  let risorse: Risorse;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    doc = (await t.request('GET', '/docs-json')).body as Documento;
    risorse = await risorseDelBuyer(t.as('francesca.bianchi'));
  });

  /** A seed user of the resources' office allowed to do `azione` (the guard answers before validation). */
  const token = async (azione: Azione | undefined) => {
    const ruoli = azione ? (POLITICA[azione].ruoli as readonly string[]) : ['BUYER'];
    const utente = UTENTI.find((u) => u.ufficio === 'UFF-TOSCANA-GARE' && u.ruoli.some((r) => ruoli.includes(r))) ?? UTENTI.find((u) => u.ruoli.some((r) => ruoli.includes(r)))!;
    if (!tokens.has(utente.userId)) tokens.set(utente.userId, await t.token(utente.userId));
    return tokens.get(utente.userId)!;
  };
  const invia = async (metodo: string, percorso: string, azione: Azione | undefined, corpo?: string) =>
    send(t.url, metodo, percorso, corpo, { authorization: `Bearer ${await token(azione)}`, ...(corpo === undefined ? {} : { 'content-type': 'application/json' }) });

  /** What is wrong with an answer, or nothing: under 500, problem+json when refused, Italian throughout. */
  const difetti = (res: TestResponse): string[] => {
    const out: string[] = [];
    if (res.status >= 500) out.push(`status ${res.status}`);
    if (res.status < 400) return out;
    if (!String(res.headers.get('content-type')).startsWith('application/problem+json')) out.push(`content-type ${res.headers.get('content-type')}`);
    const b = res.body as { title?: string; detail?: string; errors?: Array<{ messaggio?: string }> };
    for (const testo of [b?.title, b?.detail, ...(b?.errors ?? []).map((e) => e.messaggio)]) if (typeof testo === 'string' && INGLESE.test(testo)) out.push(`English: ${testo.slice(0, 150)}`);
    return out;
  };
  const nomina = (res: TestResponse, nome: string) =>
    Array.isArray(res.body?.errors) && (res.body.errors as Array<{ campo: string }>).some((e) => e.campo === nome || e.campo.startsWith(`${nome}[`) || e.campo.startsWith(`${nome}.`));

  const operazioni = () =>
    Object.entries(doc.paths).flatMap(([percorso, ops]) => Object.entries(ops).map(([metodo, op]) => ({ metodo: metodo.toUpperCase(), percorso, op })));
  const esempio = (metodo: string, percorso: string) => {
    const costruttore = ESEMPI[`${metodo} ${percorso}`];
    if (!costruttore) throw new Error(`no example for ${metodo} ${percorso} in test/support/esempi-endpoint.ts`);
    return costruttore(risorse, 'proprio');
  };
  const schemaJson = (op: Operazione) => op.requestBody?.content['application/json']?.schema;

  it('JSON nested 2,000 deep, or a megabyte of nesting, is 400 JSON_TROPPO_ANNIDATO on every JSON route; 64 levels still reach validation', async () => {
    const profondo = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    const problemi: string[] = [];
    const conCorpo = operazioni().filter(({ op }) => schemaJson(op));
    expect(conCorpo.length).toBeGreaterThan(20);
    for (const { metodo, percorso, op } of conCorpo) {
      const { percorso: url } = esempio(metodo, percorso);
      for (const corpo of [profondo(2_000), '['.repeat(65) + ']'.repeat(65)]) {
        const res = await invia(metodo, url, op['x-permesso'], corpo);
        if (res.status !== 400 || res.body?.code !== 'JSON_TROPPO_ANNIDATO') problemi.push(`${metodo} ${url} depth: ${res.status} ${res.text.slice(0, 200)}`);
        problemi.push(...difetti(res).map((d) => `${metodo} ${url}: ${d}`));
      }
    }
    const mega = await invia('POST', '/appalti', 'appalto.crea', '['.repeat(500_000) + ']'.repeat(500_000));
    expect([mega.status, mega.body?.code, mega.body?.detail]).toEqual([400, 'JSON_TROPPO_ANNIDATO', expect.stringMatching(/64 livelli/)]);
    const sessantaquattro = await invia('POST', '/appalti', 'appalto.crea', profondo(63));
    expect([sessantaquattro.status, sessantaquattro.body?.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(problemi).toEqual([]);
  });

  it('a missing required field is "obbligatorio", named by its path; a malformed id "non è un identificativo valido"', async () => {
    const creazione = { scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: CDC, rup: RUP, datiGara: { settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' } };
    const casi: Array<[string, string, Azione, unknown, string]> = [
      ['POST', '/appalti', 'appalto.crea', creazione, 'datiGara.oggetto'],
      ['POST', '/appalti', 'appalto.crea', { ...creazione, datiGara: { ...creazione.datiGara, oggetto: 'x' }, centroDiCosto: undefined }, 'centroDiCosto'],
      ['DELETE', `/appalti/${risorse.appalto.proprio}`, 'appalto.cancella', {}, 'motivo'],
      ['POST', `/cig/${risorse.cig.proprio}/annullamento`, 'cig.annullamento', { motivazione: 'Errore materiale' }, 'documentoIdentitaRup'],
    ];
    for (const [metodo, url, azione, corpo, nome] of casi) {
      const res = await invia(metodo, url, azione, JSON.stringify(corpo));
      expect([url, res.status, res.body?.errors]).toEqual([url, 400, [expect.objectContaining({ campo: nome, messaggio: 'obbligatorio' })]]);
    }
    const rup = await invia('GET', '/anagrafica/rup', 'anagrafica.leggi');
    expect([rup.status, rup.body?.errors]).toEqual([400, [expect.objectContaining({ campo: 'centroDiCosto', messaggio: 'obbligatorio' })]]);
    for (const url of ['/appalti/not-a-uuid', '/appalti/not-a-uuid/trasmissioni', '/simog/gare/not-a-uuid', '/audit/verifica/not-a-uuid']) {
      const res = await invia('GET', url, url.startsWith('/audit') ? 'audit.leggi' : 'appalto.leggi');
      expect([url, res.status, res.body?.errors]).toEqual([url, 400, [expect.objectContaining({ campo: 'id', messaggio: expect.stringMatching(/^non è un identificativo valido/) })]]);
    }
  });

  it('every field of every body: missing, empty, wrong type, megabytes, NUL, lone surrogate, 1e400, -0, 10^22 → 4xx in Italian naming the field', async () => {
    const problemi: string[] = [];
    let richieste = 0;
    for (const { metodo, percorso, op } of operazioni()) {
      const schema = schemaJson(op);
      if (!schema) continue;
      const { percorso: url, corpo } = esempio(metodo, percorso);
      const tutti = campi(doc, schema, corpo, []);
      // Every problem of a body is reported at once: one request puts a value in every leaf field, and each must be named.
      const foglie = tutti.filter((c) => !tutti.some((d) => d.nome.startsWith(`${c.nome}.`) || d.nome.startsWith(`${c.nome}[`)));
      for (const m of mutazioni(foglie, tutti)) {
        richieste++;
        let testo = structuredClone(corpo ?? {}) as unknown;
        for (const [c, valore] of m.valori) testo = conValore(testo, c.percorso, valore);
        const res = await invia(metodo, url, op['x-permesso'], comeJson(testo));
        const dove = `${metodo} ${url} ← ${m.nome}`;
        problemi.push(...difetti(res).map((d) => `${dove}: ${d}`));
        const errori = (Array.isArray(res.body?.errors) ? res.body.errors : []) as Array<{ campo: string; messaggio: string }>;
        for (const [c] of m.valori) {
          if (m.atteso === 'obbligatorio' && !(res.status === 400 && errori.some((e) => e.campo === c.nome && e.messaggio === 'obbligatorio'))) {
            problemi.push(`${dove}: ${c.nome} not "obbligatorio": ${res.status} ${res.text.slice(0, 300)}`);
          }
          if (m.atteso === 'rifiutato' && !(res.status === 400 && nomina(res, c.nome))) problemi.push(`${dove}: ${c.nome} not named in a 400: ${res.status} ${res.text.slice(0, 300)}`);
        }
      }
    }
    expect(richieste).toBeGreaterThan(150);
    expect(problemi).toEqual([]);
  }, 180_000);

  it('query and path parameters: NUL is 400 naming them, junk is a 4xx in Italian, on every route', async () => {
    const problemi: string[] = [];
    // Every endpoint that acts for a user (x-permesso); health, readiness, metrics and the docs take no parameters.
    for (const { metodo, percorso, op } of operazioni().filter(({ op }) => op['x-permesso'])) {
      const { percorso: url, corpo } = esempio(metodo, percorso);
      const testo = corpo === undefined ? undefined : JSON.stringify(corpo);
      for (const p of op.parameters ?? []) {
        if (p.in !== 'query' && p.in !== 'path') continue;
        for (const [valore, atteso] of [['%F0%9F%98%80%00', true], ['x', false], ['1e400', false]] as const) {
          const mutato = p.in === 'query' ? conParametro(url, p.name, valore) : percorsoCon(percorso, url, p.name, valore);
          const res = await send(t.url, metodo, mutato, testo, { authorization: `Bearer ${await token(op['x-permesso'])}`, ...(testo === undefined ? {} : { 'content-type': 'application/json' }) });
          const dove = `${metodo} ${mutato}`;
          problemi.push(...difetti(res).map((d) => `${dove}: ${d}`));
          const nome = p.in === 'query' ? `query.${p.name}` : p.name;
          const nominato = Array.isArray(res.body?.errors) && (res.body.errors as Array<{ campo: string }>).some((e) => e.campo === nome || e.campo === p.name);
          if (atteso && !(res.status === 400 && nominato)) problemi.push(`${dove}: not a 400 naming ${nome}: ${res.status} ${res.text.slice(0, 200)}`);
        }
      }
    }
    expect(problemi).toEqual([]);
  }, 180_000);
});

/** The example's URL with query parameter `nome` set to `valore` (already encoded), once. */
function conParametro(url: string, nome: string, valore: string): string {
  const [base, query = ''] = url.split('?');
  const altri = query.split('&').filter((q) => q !== '' && q.split('=')[0] !== nome);
  return `${base}?${[...altri, `${nome}=${valore}`].join('&')}`;
}

/** The example's path with one parameter replaced: the OpenAPI template tells which segment it is. */
function percorsoCon(modello: string, url: string, nome: string, valore: string): string {
  const [base, query] = url.split('?');
  const segmenti = base.split('/');
  modello.split('/').forEach((s, i) => {
    if (s === `{${nome}}`) segmenti[i] = valore;
  });
  return segmenti.join('/') + (query ? `?${query}` : '');
}

function risolvi(doc: Documento, s: Schema): Schema {
  if (s.$ref) return risolvi(doc, doc.components.schemas[s.$ref.split('/').pop()!]);
  if (s.allOf?.length === 1) return risolvi(doc, s.allOf[0]);
  return s;
}

/** The fields of a body: leaves and nested objects (through the example's first array element). */
function campi(doc: Documento, schema: Schema, esempio: unknown, percorso: ReadonlyArray<string | number>, nome = ''): Campo[] {
  const s = risolvi(doc, schema);
  const out: Campo[] = [];
  for (const [chiave, figlio] of Object.entries(s.properties ?? {})) {
    const f = risolvi(doc, figlio);
    const p = [...percorso, chiave];
    const n = nome === '' ? chiave : `${nome}.${chiave}`;
    const valore = (esempio as Record<string, unknown> | undefined)?.[chiave];
    out.push({ percorso: p, nome: n, schema: f, obbligatorio: (s.required ?? []).includes(chiave) });
    if (f.properties && valore && typeof valore === 'object') out.push(...campi(doc, f, valore, p, n));
    const item = f.items ? risolvi(doc, f.items) : undefined;
    if (item?.properties && Array.isArray(valore) && valore.length > 0) out.push(...campi(doc, item, valore[0], [...p, 0], `${n}[0]`));
  }
  return out;
}

/** Values to put in fields, one request each; numbers JSON.stringify cannot write are spliced into the text. */
interface Mutazione {
  readonly nome: string;
  readonly valori: ReadonlyArray<readonly [Campo, unknown]>;
  readonly atteso: 'obbligatorio' | 'rifiutato' | 'italiano';
}
const NUMERO = (testo: string) => ({ __numero: testo });

function tipoDi(c: Campo): string | undefined {
  return c.schema.type ?? (c.schema.properties ? 'object' : undefined);
}
const testuale = (c: Campo) => tipoDi(c) === 'string' || (tipoDi(c) === 'array' && c.schema.items?.type === 'string');

function mutazioni(foglie: readonly Campo[], tutti: readonly Campo[]): Mutazione[] {
  const ovunque = (nome: string, valore: (c: Campo) => unknown, atteso: Mutazione['atteso'], dove: readonly Campo[] = foglie): Mutazione[] =>
    dove.length === 0 ? [] : [{ nome, valori: dove.map((c) => [c, valore(c)] as const), atteso }];
  const inElenco = (c: Campo, v: unknown) => (tipoDi(c) === 'array' ? [v] : v);
  const obbligatori = foglie.filter((c) => c.obbligatorio);
  const testi = foglie.filter(testuale);
  return [
    ...ovunque('missing', () => undefined, 'obbligatorio', obbligatori),
    ...ovunque('null', () => null, 'obbligatorio', obbligatori),
    // A required object missing, alone: its fields go with it.
    ...tutti.filter((c) => c.obbligatorio && tipoDi(c) === 'object').flatMap((c) => ovunque(`missing ${c.nome}`, () => undefined, 'obbligatorio', [c])),
    ...ovunque('empty string', () => '', 'italiano'),
    ...ovunque('a number', () => 12345, 'italiano'),
    ...ovunque('an object', () => ({ a: 1 }), 'rifiutato'),
    ...ovunque('a text', () => 'testo', 'rifiutato', foglie.filter((c) => !testuale(c))),
    ...ovunque('NUL', (c) => inElenco(c, 'a\u0000b'), 'rifiutato', testi),
    ...ovunque('lone surrogate', (c) => inElenco(c, 'a\ud800b'), 'rifiutato', testi),
    ...ovunque('1e400', () => NUMERO('1e400'), 'rifiutato'),
    ...ovunque('-0', () => NUMERO('-0'), 'rifiutato'),
    ...ovunque('10^22', () => NUMERO('9999999999999999999999'), 'rifiutato'),
    // Megabytes: one field at a time (the body limit is 1 MB).
    ...testi.flatMap((c) => ovunque(`900 KB in ${c.nome}`, () => inElenco(c, 'x'.repeat(900_000)), 'rifiutato', [c])),
  ];
}

/** A copy of `corpo` with `valore` at `percorso` (undefined: removed). */
function conValore(corpo: unknown, percorso: ReadonlyArray<string | number>, valore: unknown): unknown {
  const copia = structuredClone(corpo ?? {}) as Record<string | number, unknown>;
  let nodo = copia;
  for (const [i, k] of percorso.slice(0, -1).entries()) {
    if (nodo[k] === null || typeof nodo[k] !== 'object') nodo[k] = typeof percorso[i + 1] === 'number' ? [] : {};
    nodo = nodo[k] as Record<string | number, unknown>;
  }
  const ultimo = percorso[percorso.length - 1];
  if (valore === undefined) delete nodo[ultimo];
  else nodo[ultimo] = valore;
  return copia;
}

/** JSON text, with the numbers JSON.stringify cannot write (1e400, -0, 10^22) spliced in. */
const comeJson = (corpo: unknown) => JSON.stringify(corpo).replace(/\{"__numero":"([^"]+)"\}/g, '$1');
