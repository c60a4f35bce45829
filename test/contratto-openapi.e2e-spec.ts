import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { startTestService, type TestService } from './support/service.js';

type Operazione = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>; parameters?: Array<{ in: string; name: string; schema?: Record<string, unknown> }>; 'x-permesso'?: string };
type Documento = { paths: Record<string, Record<string, Operazione>>; components?: { schemas?: Record<string, unknown> } };

/** Every route Nest serves, from the controllers' metadata: `GET /appalti/{id}`. */
function rotteDelRouter(t: TestService): string[] {
  const rotte: string[] = [];
  for (const modulo of t.service.app.get(ModulesContainer).values()) {
    for (const wrapper of modulo.controllers.values()) {
      const classe = wrapper.metatype as (new (...a: never[]) => unknown) | undefined;
      if (!classe) continue;
      const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, classe) ?? '')[0]!;
      for (const nome of Object.getOwnPropertyNames(classe.prototype)) {
        const handler = classe.prototype[nome];
        if (typeof handler !== 'function' || nome === 'constructor') continue;
        const metodo = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        const percorsi = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (metodo === undefined || percorsi === undefined) continue;
        for (const p of ([] as string[]).concat(percorsi)) {
          const completo = ('/' + [base, p].filter((x) => x && x !== '/').join('/')).replace(/\/+/g, '/').replace(/:([A-Za-z0-9_]+)/g, '{$1}');
          rotte.push(`${RequestMethod[metodo]} ${completo === '/' ? '/' : completo.replace(/\/$/, '')}`);
        }
      }
    }
  }
  return rotte;
}

type SchemaJson = { $ref?: string; type?: string; properties?: Record<string, SchemaJson>; additionalProperties?: boolean | SchemaJson; items?: SchemaJson; allOf?: SchemaJson[]; oneOf?: SchemaJson[]; anyOf?: SchemaJson[] };

/**
 * The objects of a schema that say nothing of their content: an object with no properties, no typed
 * additionalProperties and no composition (allOf/oneOf/anyOf), or an array with no items. $refs are
 * followed (each component once); `dove` names the place, e.g. `GET /cig 200 › risultati[] › dati`.
 */
export function oggettiSenzaForma(schema: SchemaJson, componenti: Record<string, SchemaJson>, dove: string, visti = new Set<string>()): string[] {
  if (schema.$ref) {
    const nome = schema.$ref.replace('#/components/schemas/', '');
    if (visti.has(nome)) return [];
    visti.add(nome);
    const bersaglio = componenti[nome];
    return bersaglio ? oggettiSenzaForma(bersaglio, componenti, `${dove} › ${nome}`, visti) : [`${dove}: $ref ${schema.$ref} irrisolto`];
  }
  const difetti: string[] = [];
  const composizioni = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  for (const parte of composizioni) difetti.push(...oggettiSenzaForma(parte, componenti, dove, visti));
  const extra = typeof schema.additionalProperties === 'object' && Object.keys(schema.additionalProperties).length > 0 ? schema.additionalProperties : undefined;
  if (schema.type === 'object' || schema.properties) {
    if (Object.keys(schema.properties ?? {}).length === 0 && !extra && composizioni.length === 0) difetti.push(`${dove}: oggetto senza proprietà`);
    for (const [nome, p] of Object.entries(schema.properties ?? {})) difetti.push(...oggettiSenzaForma(p, componenti, `${dove} › ${nome}`, visti));
    if (extra) difetti.push(...oggettiSenzaForma(extra, componenti, `${dove} › {}`, visti));
  }
  if (schema.type === 'array') {
    if (!schema.items || Object.keys(schema.items).length === 0) difetti.push(`${dove}: array senza items`);
    else difetti.push(...oggettiSenzaForma(schema.items, componenti, `${dove}[]`, visti));
  }
  return difetti;
}

describe('the OpenAPI contract matches the router', () => {
  let t: TestService;
  let doc: Documento;
  beforeAll(async () => {
    t = await startTestService();
    doc = (await t.request('GET', '/docs-json')).body as Documento;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is valid OpenAPI for a maintained validator (@apidevtools/swagger-parser)', async () => {
    // In a node process of its own: the validator's CommonJS entry loads ESM, which Jest's VM cannot.
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const script = "require('@apidevtools/swagger-parser').validate(process.argv[1]).then(() => console.log('valido'), (e) => { console.error(e.message); process.exit(1); })";
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, file], { cwd: process.cwd() });
      expect(stdout.trim()).toBe('valido');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('documents every route of the router, with a 2xx schema and its problem+json answers', () => {
    const rotte = rotteDelRouter(t);
    expect(rotte.length).toBeGreaterThan(50);
    const difetti: string[] = [];
    for (const rotta of rotte) {
      const [metodo, percorso] = rotta.split(' ') as [string, string];
      const op = doc.paths[percorso]?.[metodo.toLowerCase()];
      if (!op) {
        difetti.push(`${rotta}: assente dal documento`);
        continue;
      }
      const risposte = op.responses ?? {};
      const successi = Object.entries(risposte).filter(([c]) => c.startsWith('2'));
      if (!successi.some(([, r]) => Object.values(r.content ?? {}).some((m) => m.schema && Object.keys(m.schema).length > 0))) difetti.push(`${rotta}: nessuno schema 2xx`);
      const problemi = Object.entries(risposte).filter(([c]) => /^[45]/.test(c));
      if (!problemi.some(([c]) => c === '400')) difetti.push(`${rotta}: manca 400`);
      if (op['x-permesso'] && !['401', '403'].every((c) => c in risposte)) difetti.push(`${rotta}: mancano 401/403`);
      if (percorso.includes('{') && !('404' in risposte)) difetti.push(`${rotta}: manca 404`);
      for (const [c, r] of problemi) {
        const schema = r.content?.['application/problem+json']?.schema as { $ref?: string } | undefined;
        if (schema?.$ref !== '#/components/schemas/Problema') difetti.push(`${rotta}: ${c} non è application/problem+json`);
      }
      for (const p of op.parameters ?? []) if (p.in === 'query' && (!p.schema || Object.keys(p.schema).length === 0)) difetti.push(`${rotta}: parametro ${p.name} senza schema`);
    }
    expect(difetti).toEqual([]);
  });

  it('describes the content of every 2xx JSON answer: no object without properties, typed additionalProperties or a composition', () => {
    const componenti = (doc.components?.schemas ?? {}) as Record<string, SchemaJson>;
    const difetti: string[] = [];
    let schemi = 0;
    for (const [percorso, metodi] of Object.entries(doc.paths)) {
      for (const [metodo, op] of Object.entries(metodi)) {
        for (const [codice, risposta] of Object.entries(op.responses ?? {})) {
          if (!codice.startsWith('2')) continue;
          for (const [tipo, media] of Object.entries(risposta.content ?? {})) {
            if (!tipo.includes('json') || !media.schema) continue;
            schemi++;
            // Each answer walks every component it reaches: a component shared by two answers is checked for both.
            difetti.push(...oggettiSenzaForma(media.schema as SchemaJson, componenti, `${metodo.toUpperCase()} ${percorso} ${codice}`));
          }
        }
      }
    }
    expect(schemi).toBeGreaterThan(60);
    expect([...new Set(difetti)]).toEqual([]);
  });

  it('the walk finds an object without a shape, nested or behind a $ref (so that the check above can fail)', () => {
    const componenti: Record<string, SchemaJson> = { Riga: { type: 'object', properties: { dati: { type: 'object' } } }, Vuoto: { type: 'object', additionalProperties: true } };
    expect(oggettiSenzaForma({ type: 'array', items: { $ref: '#/components/schemas/Riga' } }, componenti, 'X')).toEqual(['X[] › Riga › dati: oggetto senza proprietà']);
    expect(oggettiSenzaForma({ allOf: [{ $ref: '#/components/schemas/Vuoto' }] }, componenti, 'Y')).toEqual(['Y › Vuoto: oggetto senza proprietà']);
    expect(oggettiSenzaForma({ type: 'array' }, componenti, 'Z')).toEqual(['Z: array senza items']);
    expect(oggettiSenzaForma({ type: 'object', additionalProperties: { type: 'string' } }, componenti, 'W')).toEqual([]);
  });

  it('the problem schema has the shape the exception filter answers, sections in errors[]', async () => {
    const problema = doc.components!.schemas!.Problema as { required: string[]; properties: Record<string, unknown> };
    expect(problema.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'code']));
    expect(Object.keys(problema.properties)).toEqual(expect.arrayContaining(['detail', 'errors']));
    // A real answer has no property the schema does not know.
    const vero = await t.request('POST', '/appalti', {});
    expect(vero.headers.get('content-type')).toContain('application/problem+json');
    for (const k of Object.keys(vero.body)) expect(Object.keys(problema.properties)).toContain(k);
    const campo = (doc.components!.schemas!.ProblemaCampo as { properties: Record<string, unknown> }).properties;
    for (const e of vero.body.errors ?? []) for (const k of Object.keys(e)) expect(Object.keys(campo)).toContain(k);
  });

  it('documents the media types of CSV export, carnet PDF, CSV import and metrics', () => {
    expect(Object.keys(doc.paths['/cig/export.csv']!.get!.responses!['200']!.content!)).toContain('text/csv');
    expect(Object.keys(doc.paths['/carnet/{numero}']!.get!.responses!['200']!.content!)).toContain('application/pdf');
    expect(Object.keys((doc.paths['/admin/import']!.post as { requestBody: { content: object } }).requestBody.content)).toContain('text/csv');
    expect(Object.keys(doc.paths['/metrics']!.get!.responses!['200']!.content!)[0]).toMatch(/^text\/plain/);
  });
});
