import type { SqlExecutor } from '#event-store';
import { impronta, type CursoreFirmato } from '../cursore-firmato.js';
import { ParametroNonValido } from '../parametro-non-valido.js';
import { LettoreParametri } from '../parametri.js';
import type { RecordAudit } from './audit-record.js';
import { SELECT_RECORD } from './audit-record.js';

export interface FiltriAudit {
  readonly cig?: string;
  readonly appalto?: string;
  readonly attore?: string;
  readonly ufficio?: string;
  readonly tipo?: readonly string[];
  /** Effective time, from (inclusive) and to (exclusive), as ISO instants. */
  readonly da?: string;
  readonly a?: string;
}

export interface RichiestaAudit {
  readonly filtri: FiltriAudit;
  readonly limite: number;
  readonly cursore?: string;
  readonly criteri: Readonly<Record<string, string>>;
}

const TIPO_EVENTO = /^[A-Za-z][A-Za-z0-9]{1,79}$/;

/** The query of `GET /audit`: by CIG, appalto, actor, office, event type(s), effective date range; pages of up to 500. */
export function leggiFiltriAudit(query: Readonly<Record<string, unknown>>): RichiestaAudit {
  const p = new LettoreParametri(query, ['cig', 'appalto', 'attore', 'ufficio', 'tipo', 'da', 'a', 'limite', 'cursore', 'attendi'], 'audit');
  const tipi = p.testo('tipo')?.split(',').map((t) => t.trim()).filter(Boolean);
  if (tipi && (tipi.length === 0 || tipi.some((t) => !TIPO_EVENTO.test(t)))) p.errore('tipo', 'tipi di evento separati da virgola (es. CigUtilizzato,AppaltoCreato)', 'VALORE_NON_AMMESSO');
  const grezzo = p.dati();
  const da = p.istante('da');
  // A day as upper bound includes that whole (Italian) day.
  const aIncluso = p.istanteOFineGiorno('a');
  const a = aIncluso && new Date(aIncluso.getTime() + 1);
  if (da && a && da.getTime() >= a.getTime()) {
    p.errore('da', 'intervallo invertito: da viene dopo a', 'INTERVALLO_INVERTITO');
    p.errore('a', 'intervallo invertito: a viene prima di da', 'INTERVALLO_INVERTITO');
  }
  const filtri: FiltriAudit = {
    cig: p.testo('cig')?.toUpperCase(),
    appalto: p.testo('appalto'),
    attore: p.testo('attore'),
    ufficio: p.testo('ufficio'),
    tipo: tipi,
    da: da?.toISOString(),
    a: a?.toISOString(),
  };
  const limite = p.intero('limite', 1, 500) ?? 50;
  const cursore = grezzo.get('cursore');
  p.verifica();
  const criteri = Object.fromEntries([...grezzo].filter(([k]) => !['limite', 'cursore', 'attendi'].includes(k)));
  return { filtri: Object.fromEntries(Object.entries(filtri).filter(([, v]) => v !== undefined)) as FiltriAudit, limite, cursore, criteri };
}

/** One page of the trail in `seq` order (the log order), after the cursor's record. */
export async function paginaAudit(db: SqlExecutor, richiesta: RichiestaAudit, cursori: CursoreFirmato) {
  const { filtri, limite } = richiesta;
  const firma = impronta(filtri);
  let dopo = '0';
  if (richiesta.cursore !== undefined) {
    const c = cursori.verifica<{ f: string; s: string }>(richiesta.cursore);
    if (!c || c.f !== firma || typeof c.s !== 'string' || !/^\d{1,19}$/.test(c.s)) {
      throw ParametroNonValido.di('paginazione', [{ parametro: 'cursore', messaggio: 'cursore non valido, alterato o di una ricerca con altri criteri', codice: 'CURSORE_NON_VALIDO' }]);
    }
    dopo = c.s;
  }
  const valori: unknown[] = [dopo];
  const p = (v: unknown) => `$${valori.push(v)}`;
  const where = ['seq > $1::bigint'];
  if (filtri.cig) where.push(`cig = ${p(filtri.cig)}`);
  if (filtri.appalto) where.push(`appalto_id = ${p(filtri.appalto)}`);
  if (filtri.attore) where.push(`attore = ${p(filtri.attore)}`);
  if (filtri.ufficio) where.push(`ufficio = ${p(filtri.ufficio)}`);
  if (filtri.tipo) where.push(`tipo = ANY(${p(filtri.tipo)}::text[])`);
  if (filtri.da) where.push(`effettivo_il >= ${p(filtri.da)}::timestamptz`);
  if (filtri.a) where.push(`effettivo_il < ${p(filtri.a)}::timestamptz`);
  const { rows } = await db.query<RecordAudit>(`SELECT ${SELECT_RECORD} FROM rm_audit WHERE ${where.join(' AND ')} ORDER BY rm_audit.seq LIMIT ${p(limite + 1)}`, valori);
  const risultati = rows.slice(0, limite);
  const successiva = rows.length > limite ? cursori.firma({ f: firma, s: risultati.at(-1)!.seq }) : null;
  return { criteri: richiesta.criteri, risultati, pagina: { limite, successiva } };
}
