/**
 * Turns ANAC's OpenAPI files (which `$ref` each other through raw.githubusercontent.com URLs)
 * into one JSON Schema bundle for ajv. Used only by the spec-conformance test; file reading is
 * injected so this module does no I/O.
 *
 * Interpretations, each because a literal reading would reject every valid document:
 * - `allOf` members are merged into their parent before `additionalProperties: false` applies
 *   (ANAC's reading; under JSON Schema `BaseResponse`'s `additionalProperties: false` would refuse
 *   the fields every extending response adds, ANAC's interface specification).
 * - OpenAPI 3.0 boolean `exclusiveMaximum/exclusiveMinimum` become the JSON Schema numeric form.
 * - A `$ref` to a file absent from the local copy becomes `{ not: {} }`: nothing can be checked
 *   against a schema we do not have, and it keeps `oneOf` over the present members exact.
 */
export const ORIGINE_ANAC = 'https://raw.githubusercontent.com/anticorruzione/npa/main/docs/';
// In the repository the main file lives in docs/specifiche-interfacce/; locally it sits at the root.
const PERCORSI_LOCALI: Readonly<Record<string, string>> = {
  'specifiche-interfacce/specifiche-servizi-appalto.yaml': 'specifiche-servizi-appalto.yaml',
};

export type Schema = Record<string, any>;

export interface Bundle {
  /** All schemas, keyed by `file__Name`, ready for `{ $id, definitions }`. */
  readonly definitions: Record<string, Schema>;
  /** The main document with every schema `$ref` rewritten to `#/definitions/<key>`. */
  readonly principale: Schema;
  /** Files referenced but not in the local copy. */
  readonly mancanti: ReadonlySet<string>;
  /** Key of a schema: `chiave('modello-dati/modello-dati-npa.yaml', 'SchedaType')`. */
  chiave(file: string, nome: string): string;
}

const chiave = (file: string, nome: string) => `${file.replace(/[^A-Za-z0-9]+/g, '_')}__${nome}`;
const MANCANTE = '__mancante_nella_copia_locale';

/** `carica(file)` returns the parsed YAML of a file relative to the local copy, or undefined. */
export function creaBundle(carica: (file: string) => Schema | undefined, filePrincipale: string): Bundle {
  const documenti = new Map<string, Schema>();
  const mancanti = new Set<string>();
  const daCaricare = [filePrincipale];
  while (daCaricare.length) {
    const file = daCaricare.pop()!;
    if (documenti.has(file) || mancanti.has(file)) continue;
    const doc = carica(file);
    if (!doc) {
      mancanti.add(file);
      continue;
    }
    documenti.set(file, doc);
    visita(doc, (nodo) => {
      if (typeof nodo.$ref === 'string' && nodo.$ref.startsWith(ORIGINE_ANAC)) daCaricare.push(fileDa(nodo.$ref));
    });
  }

  const definitions: Record<string, Schema> = { [MANCANTE]: { not: {}, description: 'schema assente dalla copia locale' } };
  for (const [file, doc] of documenti) {
    visita(doc, (nodo) => {
      adattaOpenApi(nodo);
      if (typeof nodo.$ref !== 'string') return;
      const [origine, frammento = ''] = nodo.$ref.split('#');
      const destinazione = origine === '' ? file : fileDa(origine);
      const nome = /^\/components\/schemas\/(.+)$/.exec(frammento)?.[1];
      if (!nome) return; // responses/headers refs: resolved by the caller in the main document
      nodo.$ref = mancanti.has(destinazione) ? `#/definitions/${MANCANTE}` : `#/definitions/${chiave(destinazione, nome)}`;
    });
    for (const [nome, schema] of Object.entries<unknown>(doc.components?.schemas ?? {})) {
      // modello-dati-npa.yaml has a stray `type: object` among its schemas: not a schema, skipped.
      if (schema !== null && typeof schema === 'object') definitions[chiave(file, nome)] = schema as Schema;
    }
  }
  unisciAllOf(definitions);
  return { definitions, principale: documenti.get(filePrincipale)!, mancanti, chiave };
}

function fileDa(url: string): string {
  const relativo = url.split('#')[0].slice(ORIGINE_ANAC.length);
  return PERCORSI_LOCALI[relativo] ?? relativo;
}

function visita(nodo: unknown, f: (nodo: Schema) => void): void {
  if (Array.isArray(nodo)) nodo.forEach((x) => visita(x, f));
  else if (nodo !== null && typeof nodo === 'object') {
    f(nodo as Schema);
    for (const valore of Object.values(nodo)) visita(valore, f);
  }
}

function adattaOpenApi(nodo: Schema): void {
  for (const [esclusivo, limite] of [['exclusiveMaximum', 'maximum'], ['exclusiveMinimum', 'minimum']] as const) {
    if (nodo[esclusivo] === true) {
      nodo[esclusivo] = nodo[limite];
      delete nodo[limite];
    } else if (nodo[esclusivo] === false) delete nodo[esclusivo];
  }
  if (nodo.nullable === true && typeof nodo.type === 'string') nodo.type = [nodo.type, 'null'];
}

const MERGEABILI = new Set(['type', 'properties', 'required', 'additionalProperties', 'description', 'example', 'title', 'allOf']);

/** Replaces every mergeable `allOf` by the union of its members' properties and required fields. */
function unisciAllOf(definitions: Record<string, Schema>): void {
  const risolvi = (s: Schema): Schema => {
    let corrente = s;
    for (let i = 0; i < 20 && typeof corrente.$ref === 'string'; i++) corrente = definitions[corrente.$ref.slice('#/definitions/'.length)] ?? {};
    unisci(corrente);
    return corrente;
  };
  const unisci = (nodo: Schema): void => {
    if (!Array.isArray(nodo.allOf)) return;
    const membri = nodo.allOf.map((m: Schema) => risolvi(m));
    if (!membri.every((m: Schema) => Object.keys(m).every((k) => MERGEABILI.has(k)))) return;
    const properties = Object.assign({}, ...membri.map((m: Schema) => m.properties ?? {}), nodo.properties ?? {});
    const required = [...new Set([...membri.flatMap((m: Schema) => m.required ?? []), ...(nodo.required ?? [])])];
    const chiuso = [nodo, ...membri].some((m: Schema) => m.additionalProperties === false);
    delete nodo.allOf;
    nodo.type = 'object';
    nodo.properties = properties;
    if (required.length) nodo.required = required;
    if (chiuso) nodo.additionalProperties = false;
  };
  for (const schema of Object.values(definitions)) visita(schema, unisci);
}

/** A copy of a schema that tolerates unknown properties (for partial checks against a base type). */
export function aperto(schema: Schema): Schema {
  const copia = structuredClone(schema);
  delete copia.additionalProperties;
  return copia;
}
