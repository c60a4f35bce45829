import { leggiEsiti } from '#anac';
import type { ChiamataAnac } from '#domain';

type Errori = ChiamataAnac['errori'];

/**
 * What the log's "Messaggio" and errors columns show for one exchange. For most calls, how the
 * exchange ended (OK, KO, ERRORE, ESITO_INCERTO). An `esito-operazione` call, though, always
 * ends HTTP 200: what matters is the esito it carries (OK, KO with ANAC's errors, WT still
 * waiting), read from the answer ANAC sent, so that a KO never reads "OK" with no errors. The
 * errors are ANAC's codes with their text from ANAC's code list `errori.json` and ANAC's detail.
 */
export function esitoTrasmissione(c: Pick<ChiamataAnac, 'operazione' | 'esito' | 'errori' | 'risposta'>): { messaggio: string; errori: Errori } {
  if (c.operazione !== 'esito-operazione' || c.esito !== 'OK') return { messaggio: c.esito, errori: c.errori };
  const letti = leggiEsiti(c.risposta);
  const ultimo = letti.ok ? letti.value[0] : undefined;
  if (!ultimo) return { messaggio: c.esito, errori: c.errori };
  return { messaggio: ultimo.esito, errori: ultimo.errori };
}

/**
 * Attempts are numbered per ANAC operation of one practice, in log order: the first
 * `conferma-appalto` of a request is 1, its retry 2; every poll of `esito-operazione` is one
 * more. The further pages of a list (`recupera-cig`, `ricerca-appalto`) belong to the attempt of
 * their first page.
 */
export class NumeratoreTentativi {
  private readonly ultimi = new Map<string, number>();

  constructor(precedenti: Iterable<{ readonly praticaId: string; readonly operazione: string; readonly tentativo: number }> = []) {
    for (const p of precedenti) this.ultimi.set(chiave(p.praticaId, p.operazione), p.tentativo);
  }

  prossimo(praticaId: string, operazione: string, pagina?: number): number {
    const k = chiave(praticaId, operazione);
    const ultimo = this.ultimi.get(k) ?? 0;
    const numero = pagina !== undefined && pagina > 1 && ultimo > 0 ? ultimo : ultimo + 1;
    this.ultimi.set(k, numero);
    return numero;
  }
}

const chiave = (praticaId: string, operazione: string) => `${praticaId}\u0000${operazione}`;
