import { scostamentoItaliaMinuti } from '#domain';
import { ParametroNonValido } from './parametro-non-valido.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATA_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATA_ITALIANA = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const ISTANTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Euro amounts: digits, then a dot or a comma and at most two decimals; no thousands separators (1.234 would be ambiguous). */
const IMPORTO = /^\d{1,13}([.,]\d{1,2})?$/;
const TESTO_MAX = 200;

/**
 * Reads query parameters, collecting every problem before answering 400 with all of them:
 * unknown or repeated parameters, malformed values, inverted ranges. Values are returned parsed;
 * nothing here builds SQL. An empty value counts as not given (an empty search field).
 */
export class LettoreParametri {
  private readonly errori: Array<{ parametro: string; messaggio: string; codice: string }> = [];
  private readonly valori = new Map<string, string>();

  constructor(
    query: Readonly<Record<string, unknown>>,
    noti: readonly string[],
    private readonly sezione = 'parametri di ricerca',
  ) {
    for (const [nome, valore] of Object.entries(query)) {
      if (!noti.includes(nome)) this.errore(nome, `parametro non previsto (ammessi: ${noti.join(', ')})`, 'FILTRO_SCONOSCIUTO');
      else if (Array.isArray(valore)) this.errore(nome, 'parametro ripetuto: indicarlo una volta sola', 'PARAMETRO_RIPETUTO');
      else if (typeof valore !== 'string') this.errore(nome, 'valore non valido', 'PARAMETRO_NON_VALIDO');
      else if (valore.trim() !== '') this.valori.set(nome, valore.trim());
    }
  }

  errore(parametro: string, messaggio: string, codice: string): undefined {
    this.errori.push({ parametro, messaggio, codice });
    return undefined;
  }

  /** Throws the collected problems, if any. */
  verifica(): void {
    if (this.errori.length > 0) throw ParametroNonValido.di(this.sezione, this.errori);
  }

  /** Parameters given (non-empty), as sent: the "criteri di ricerca selezionati". */
  dati(): ReadonlyMap<string, string> {
    return this.valori;
  }

  testo(nome: string, min = 1): string | undefined {
    const v = this.valori.get(nome);
    if (v === undefined) return undefined;
    if (v.length < min || v.length > TESTO_MAX) return this.errore(nome, `da ${min} a ${TESTO_MAX} caratteri`, 'TESTO_NON_VALIDO');
    if (/[\u0000-\u001f]/.test(v)) return this.errore(nome, 'caratteri di controllo non ammessi', 'TESTO_NON_VALIDO');
    return v;
  }

  uuid(nome: string): string | undefined {
    const v = this.valori.get(nome);
    if (v === undefined) return undefined;
    return UUID.test(v) ? v.toLowerCase() : this.errore(nome, "non è un identificativo di richiesta (UUID, come l'ID Appalto)", 'CODICE_NON_VALIDO');
  }

  /** One of `ammessi`, compared ignoring case; returns the canonical spelling. */
  scelta<T extends string>(nome: string, ammessi: readonly T[]): T | undefined {
    const v = this.valori.get(nome);
    if (v === undefined) return undefined;
    return ammessi.find((a) => a.toLowerCase() === v.toLowerCase()) ?? this.errore(nome, `valore non ammesso: ${v} (ammessi: ${ammessi.join(', ')})`, 'VALORE_NON_AMMESSO');
  }

  /** A comma-separated list of values from `ammessi`. */
  elenco<T extends string>(nome: string, ammessi: readonly T[]): T[] | undefined {
    const v = this.valori.get(nome);
    if (v === undefined) return undefined;
    const voci = v.split(',').map((s) => s.trim()).filter(Boolean);
    const scelte = voci.map((voce) => ammessi.find((a) => a.toLowerCase() === voce.toLowerCase()));
    const ignoti = voci.filter((_, i) => scelte[i] === undefined);
    if (ignoti.length > 0 || voci.length === 0) return this.errore(nome, `valori non ammessi: ${ignoti.join(', ')} (ammessi: ${ammessi.join(', ')})`, 'VALORE_NON_AMMESSO');
    return [...new Set(scelte as T[])];
  }

  siNo(nome: string): boolean | undefined {
    const v = this.valori.get(nome)?.toLowerCase();
    if (v === undefined) return undefined;
    if (v === 'si' || v === 'sì' || v === 'true') return true;
    if (v === 'no' || v === 'false') return false;
    return this.errore(nome, 'ammessi: si, no', 'VALORE_NON_AMMESSO');
  }

  /** A calendar day, `AAAA-MM-GG` or `GG/MM/AAAA`, returned as `AAAA-MM-GG`. */
  giorno(nome: string): string | undefined {
    const v = this.valori.get(nome);
    if (v === undefined) return undefined;
    const iso = DATA_ISO.exec(v);
    const it = DATA_ITALIANA.exec(v);
    const [anno, mese, giorno] = iso ? [iso[1], iso[2], iso[3]] : it ? [it[3], it[2], it[1]] : [];
    if (!anno) return this.errore(nome, `data non valida: ${v} (formato GG/MM/AAAA o AAAA-MM-GG)`, 'DATA_NON_VALIDA');
    const d = new Date(Date.UTC(Number(anno), Number(mese) - 1, Number(giorno)));
    const valida = d.getUTCFullYear() === Number(anno) && d.getUTCMonth() === Number(mese) - 1 && d.getUTCDate() === Number(giorno) && Number(anno) >= 1900;
    return valida ? `${anno}-${mese}-${giorno}` : this.errore(nome, `data inesistente: ${v}`, 'DATA_NON_VALIDA');
  }

  /** A day (start of that Italian day) or an ISO-8601 instant with its offset. */
  istante(nome: string): Date | undefined {
    const v = this.valori.get(nome);
    if (v === undefined) return undefined;
    if (ISTANTE.test(v) && !Number.isNaN(Date.parse(v))) return new Date(v);
    if (DATA_ISO.test(v) || DATA_ITALIANA.test(v)) {
      const giorno = this.giorno(nome);
      return giorno === undefined ? undefined : inizioGiornoItaliano(giorno);
    }
    return this.errore(nome, `istante non valido: ${v} (ISO-8601 con fuso, es. 2024-03-15T10:00:00Z, oppure una data)`, 'DATA_NON_VALIDA');
  }

  /** An instant; or a day, meaning up to its end (the last millisecond of that Italian day): "as of 15/03/2024". */
  istanteOFineGiorno(nome: string): Date | undefined {
    const v = this.valori.get(nome);
    if (v === undefined || !(DATA_ISO.test(v) || DATA_ITALIANA.test(v))) return this.istante(nome);
    const giorno = this.giorno(nome);
    return giorno === undefined ? undefined : new Date(inizioGiornoItaliano(giornoSuccessivo(giorno)).getTime() - 1);
  }

  /** An amount in euro as decimal text with two decimals ("1234.50"). */
  importo(nome: string): string | undefined {
    const v = this.valori.get(nome);
    if (v === undefined) return undefined;
    if (!IMPORTO.test(v)) return this.errore(nome, `importo non valido: ${v} (es. 1234,56 o 1234.56, senza separatore delle migliaia)`, 'IMPORTO_NON_VALIDO');
    const [interi, decimali = ''] = v.replace(',', '.').split('.');
    return `${BigInt(interi)}.${decimali.padEnd(2, '0')}`;
  }

  intero(nome: string, min: number, max: number): number | undefined {
    const v = this.valori.get(nome);
    if (v === undefined) return undefined;
    const n = /^\d{1,9}$/.test(v) ? Number(v) : Number.NaN;
    if (!(n >= min && n <= max)) return this.errore(nome, `un intero da ${min} a ${max}`, n > max ? 'PAGINA_TROPPO_GRANDE' : 'INTERO_NON_VALIDO');
    return n;
  }

  /** `da` must not come after `a` (both given). */
  intervallo(da: string, a: string, confronta: (x: string, y: string) => number, valoreDa?: string, valoreA?: string): void {
    if (valoreDa !== undefined && valoreA !== undefined && confronta(valoreDa, valoreA) > 0) {
      this.errore(da, `intervallo invertito: ${da} viene dopo ${a}`, 'INTERVALLO_INVERTITO');
      this.errore(a, `intervallo invertito: ${a} viene prima di ${da}`, 'INTERVALLO_INVERTITO');
    }
  }
}

/** Midnight in Rome of `giorno` as an instant. Italy changes time at 01:00 UTC, never around midnight. */
export function inizioGiornoItaliano(giorno: string): Date {
  const [anno, mese, dd] = giorno.split('-').map(Number);
  const mezzanotteUtc = Date.UTC(anno, mese - 1, dd);
  return new Date(mezzanotteUtc - scostamentoItaliaMinuti(new Date(mezzanotteUtc)) * 60_000);
}

export function giornoSuccessivo(giorno: string): string {
  const [anno, mese, dd] = giorno.split('-').map(Number);
  return new Date(Date.UTC(anno, mese - 1, dd + 1)).toISOString().slice(0, 10);
}

export const confrontaTesto = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
export const confrontaImporto = (x: string, y: string): number => {
  const c = (s: string) => BigInt(s.replace('.', ''));
  return c(x) < c(y) ? -1 : c(x) > c(y) ? 1 : 0;
};
