import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { aperto, type Bundle, type Schema } from './openapi-bundle.js';
import type { ScambioPcp } from './pcp-client.js';

// ajv-formats is CommonJS: its default export arrives as the module object under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const NPA = 'modello-dati/modello-dati-npa.yaml';
const COMUNI = 'modello-dati/schede/modello-dati-schede-dati-comuni.yaml';
/** Scheda bodies present in the local copy (the local copy of ANAC's repository may lack most of the ~150 scheda files). */
const SCHEDE_LOCALI: Readonly<Record<string, [string, string]>> = {
  AD5: ['modello-dati/schede/modello-dati-schede-AD5.yaml', 'SchedaAD5Type'],
  AD3: ['modello-dati/schede/modello-dati-schede-AD3.yaml', 'SchedaAD3Type'],
  P5: ['modello-dati/schede/modello-dati-schede-P5.yaml', 'SchedaP5Type'],
};

/**
 * Checks request/response pairs against ANAC's OpenAPI: query parameters and request body of the
 * operation, status declared (undeclared statuses against `components.responses.default`),
 * media type, response body schema, declared headers, and every `{ idTipologica, codice }` whose
 * code list is in the local copy (errori, statoAppalto, esito, …). Returns readable failures.
 */
export class VerificatorePcp {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly compilati = new Map<string, ValidateFunction>();
  readonly statiNonDichiarati = new Set<string>();
  readonly schedeParziali = new Set<string>();

  constructor(private readonly bundle: Bundle, private readonly codiciTipologiche: ReadonlyMap<string, ReadonlySet<string>>) {
    addFormats(this.ajv);
    this.ajv.addFormat('decimal', /^-?\d+(\.\d+)?$/);
    this.ajv.addFormat('string', true);
    this.ajv.addFormat('HTTP-date', true);
    // ANAC's data model writes whole numbers as `type: number, format: integer` (e.g. posizioneGraduatoria).
    this.ajv.addFormat('integer', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    const d = bundle.definitions;
    // The scheda body is a oneOf over 62 scheda files, 59 of them absent here: it is checked by
    // dispatching on scheda.codice (as ANAC's interface specification suggests), not through the oneOf.
    d[bundle.chiave(NPA, 'SchedaComunicaAppaltoType')].properties.body = { type: 'object' };
    // P2_16's own schema is not in the local copy: its appalto and lots are checked against the
    // shared P_16 base types, open to the P2-specific fields defined in the missing file.
    d.__AppaltoP_16_aperto = aperto(d[bundle.chiave(COMUNI, 'AppaltoP_16Type')]);
    d.__LottoP_16_aperto = aperto(d[bundle.chiave(COMUNI, 'LottoP_16Type')]);
    this.ajv.addSchema({ $id: 'pcp', definitions: d });
  }

  verifica(s: ScambioPcp): string[] {
    const dove = `${s.metodo} /${s.operazione} → ${s.status}`;
    const operazione = this.bundle.principale.paths?.[`/${s.operazione}`]?.[s.metodo.toLowerCase()];
    if (!operazione) return [`${dove}: operazione assente dalla specifica`];
    const errori = [...this.verificaQuery(operazione, s), ...this.verificaRichiesta(operazione, s), ...this.verificaRisposta(operazione, s)];
    return errori.map((e) => `${dove}: ${e}`);
  }

  private verificaQuery(operazione: Schema, s: ScambioPcp): string[] {
    const parametri: Schema[] = (operazione.parameters ?? []).filter((p: Schema) => p.in === 'query');
    const errori = Object.keys(s.query).filter((n) => !parametri.some((p) => p.name === n)).map((n) => `parametro ${n} non dichiarato`);
    for (const p of parametri) {
      const valore = s.query[p.name];
      if (valore === undefined) {
        if (p.required) errori.push(`parametro obbligatorio ${p.name} assente`);
        continue;
      }
      const tipizzato = p.schema?.type === 'integer' && /^-?\d+$/.test(valore) ? Number(valore) : valore;
      errori.push(...this.valida(p.schema ?? {}, tipizzato, `query ${p.name}`));
    }
    return errori;
  }

  private verificaRichiesta(operazione: Schema, s: ScambioPcp): string[] {
    if (s.richiesta === undefined) return operazione.requestBody?.required ? ['corpo della richiesta assente'] : [];
    const schema = operazione.requestBody?.content?.['application/json']?.schema;
    if (!schema) return ['corpo inviato ma non previsto'];
    const corpo = s.richiesta as Schema;
    return [
      ...this.valida(schema, corpo, 'richiesta'),
      ...(corpo?.scheda ? this.verificaScheda(corpo.scheda, 'richiesta.scheda') : []),
      ...this.verificaTipologiche(corpo, 'richiesta'),
    ];
  }

  private verificaRisposta(operazione: Schema, s: ScambioPcp): string[] {
    let risposta = operazione.responses?.[String(s.status)];
    if (!risposta) {
      // 401/403/503/504 are not declared by ANAC: they still must be ErrorResponse problem+json.
      this.statiNonDichiarati.add(`${s.operazione} ${s.status}`);
      risposta = this.bundle.principale.components.responses.default;
    }
    if (typeof risposta.$ref === 'string') risposta = this.bundle.principale.components.responses[risposta.$ref.split('/').pop()!];
    const [mediaType, media] = Object.entries<Schema>(risposta.content ?? {})[0] ?? [];
    const errori: string[] = [];
    if (!mediaType || !s.contentType?.startsWith(mediaType)) errori.push(`Content-Type ${s.contentType}, atteso ${mediaType}`);
    for (const nome of Object.keys(risposta.headers ?? {})) {
      if (!/^\d+$/.test(s.headers.get(nome) ?? '')) errori.push(`header ${nome} assente o non intero`);
    }
    if (media?.schema) errori.push(...this.valida(media.schema, s.risposta, 'risposta'));
    const scheda = (s.risposta as Schema | undefined)?.appalto?.scheda;
    if (scheda) errori.push(...this.verificaScheda(scheda, 'risposta.appalto.scheda'));
    return [...errori, ...this.verificaTipologiche(s.risposta, 'risposta')];
  }

  private verificaScheda(scheda: Schema, dove: string): string[] {
    const codice: string | undefined = scheda?.codice?.codice;
    const locale = codice ? SCHEDE_LOCALI[codice] : undefined;
    if (locale) return this.valida({ $ref: `#/definitions/${this.bundle.chiave(...locale)}` }, scheda.body, `${dove}.body (${codice})`);
    if (codice !== 'P2_16') return [`${dove}: nessuno schema locale per la scheda ${codice}`];
    this.schedeParziali.add(codice);
    const anacForm = scheda.body?.anacForm ?? {};
    return [
      ...(anacForm.stazioniAppaltanti ?? []).flatMap((x: unknown, i: number) => this.valida(this.ref(COMUNI, 'StazioneAppaltanteType'), x, `${dove} stazioniAppaltanti[${i}]`)),
      ...this.valida({ $ref: '#/definitions/__AppaltoP_16_aperto' }, anacForm.appalto, `${dove} appalto`),
      ...(anacForm.lotti ?? []).flatMap((x: unknown, i: number) => this.valida({ $ref: '#/definitions/__LottoP_16_aperto' }, x, `${dove} lotti[${i}]`)),
      ...this.valida(this.ref(COMUNI, 'EspdRequestType'), scheda.body?.espd, `${dove} espd`),
    ];
  }

  /** Every coded value whose code list is available must use a code of that list. */
  private verificaTipologiche(valore: unknown, dove: string): string[] {
    const errori: string[] = [];
    const visita = (nodo: unknown, percorso: string) => {
      if (Array.isArray(nodo)) return nodo.forEach((x, i) => visita(x, `${percorso}[${i}]`));
      if (nodo === null || typeof nodo !== 'object') return;
      const { idTipologica, codice } = nodo as { idTipologica?: unknown; codice?: unknown };
      const codici = typeof idTipologica === 'string' ? this.codiciTipologiche.get(idTipologica) : undefined;
      if (codici && !codici.has(String(codice))) errori.push(`${percorso}: codice ${String(codice)} assente da ${idTipologica}.json`);
      for (const [k, v] of Object.entries(nodo)) visita(v, `${percorso}.${k}`);
    };
    visita(valore, dove);
    return errori;
  }

  private ref(file: string, nome: string): Schema {
    return { $ref: `#/definitions/${this.bundle.chiave(file, nome)}` };
  }

  private valida(schema: Schema, valore: unknown, dove: string): string[] {
    const testo = JSON.stringify(schema);
    let validatore = this.compilati.get(testo);
    if (!validatore) {
      validatore = this.ajv.compile(JSON.parse(testo.replaceAll('"#/definitions/', '"pcp#/definitions/')));
      this.compilati.set(testo, validatore);
    }
    if (validatore(valore)) return [];
    return (validatore.errors ?? []).map((e) => `${dove}${e.instancePath} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  }
}
