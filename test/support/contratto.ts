import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { creaClient, type ClientCigLedger } from '#client';

// ajv-formats is CommonJS: its default export arrives as the module object under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

type Schema = Record<string, unknown>;
export type DocumentoOpenApi = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>>;
  components: { schemas: Record<string, object> };
};

/**
 * OpenAPI 3.0's `nullable: true` next to a $ref or a composition (what @nestjs/swagger writes for a
 * nullable nested DTO) means "that schema, or null", as openapi-typescript reads it (`T | null`); a JSON
 * Schema validator would apply the $ref to null too. Rewritten as anyOf [null, schema] for ajv.
 */
export function perJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(perJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const s = Object.fromEntries(Object.entries(schema as Schema).map(([k, v]) => [k, k === 'example' ? v : perJsonSchema(v)])) as Schema;
  if (s.nullable === true && (s.$ref || s.allOf || s.oneOf || s.anyOf)) {
    const { nullable: _n, description, ...resto } = s;
    return { anyOf: [{ type: 'null' }, resto], ...(description ? { description } : {}) };
  }
  return s;
}

/**
 * A check of answers against the document: the body of METHOD path with that status and media type
 * validates (ajv, all errors, the document's formats) against the schema the document declares.
 */
export function validatoreDelContratto(doc: DocumentoOpenApi): (metodo: string, percorso: string, status: number, corpo: unknown, tipo?: string) => void {
  const { ajv, componenti } = ajvDelDocumento(doc);
  const compilati = new Map<string, ValidateFunction>();
  return (metodo, percorso, status, corpo, tipo = 'application/json') => {
    const chiave = `${metodo} ${percorso} ${status} ${tipo}`;
    let valida = compilati.get(chiave);
    if (!valida) {
      const risposta = doc.paths[percorso]?.[metodo]?.responses[String(status)];
      const schema = risposta?.content?.[tipo]?.schema;
      if (!schema) throw new Error(`${metodo.toUpperCase()} ${percorso}: il documento non descrive la risposta ${status} ${tipo}`);
      // The document's components travel with the schema, so that its $refs resolve.
      valida = ajv.compile({ ...(perJsonSchema(schema) as Schema), components: componenti });
      compilati.set(chiave, valida);
    }
    if (!valida(corpo)) throw new Error(`${metodo.toUpperCase()} ${percorso} ${status}: ${ajv.errorsText(valida.errors, { separator: '\n' })}\n${JSON.stringify(corpo).slice(0, 2000)}`);
  };
}

/** A check of a value against one of the document's schemas by name (a message of a stream, which no response schema covers). */
export function validatoreDiSchema(doc: DocumentoOpenApi, nome: string): (valore: unknown) => void {
  const { ajv, componenti } = ajvDelDocumento(doc);
  if (!doc.components.schemas[nome]) throw new Error(`il documento non ha lo schema ${nome}`);
  const valida = ajv.compile({ $ref: `#/components/schemas/${nome}`, components: componenti });
  return (valore) => {
    if (!valida(valore)) throw new Error(`${nome}: ${ajv.errorsText(valida.errors, { separator: '\n' })}\n${JSON.stringify(valore).slice(0, 2000)}`);
  };
}

function ajvDelDocumento(doc: DocumentoOpenApi): { ajv: Ajv; componenti: Schema } {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return { ajv, componenti: perJsonSchema(doc.components) as Schema };
}

/** The typed client (libs/client) as a user of the seed directory: a fresh token at each request. */
export function clientDi(t: { readonly url: string; token(userId: string): Promise<string> }, userId: string): ClientCigLedger {
  return creaClient({ baseUrl: t.url, token: () => t.token(userId) });
}

/** The body of a typed call that must answer `status`; otherwise an error with what it was, the status and the problem. */
export async function atteso<D>(chiamata: Promise<{ data?: D; error?: unknown; response: Response }>, status: number, cosa: string): Promise<D> {
  const { data, error, response } = await chiamata;
  if (response.status !== status) throw new Error(`${cosa}: atteso ${status}, ricevuto ${response.status} ${JSON.stringify(error ?? data)}`);
  return data as D;
}
