import fc from 'fast-check';
import { join } from 'node:path';
import { COPIA_LOCALE, copiaLocaleDisponibile } from '../../../../apps/anac-sim/src/testing/copia-locale.js';
import { ultimoEsito } from '../../../../apps/anac-sim/src/testing/scenari.js';
import { avviaSimulatoreDiProva, type SimulatoreDiProva } from '../../../../apps/anac-sim/src/testing/simulatore-di-prova.js';
import type { SchedaPcp } from '../gateway/anac-gateway.js';
import { schedaPcp, type AppaltoPerAnac } from '../pcp/scheda-pcp.js';
import { appaltoAd5, appaltoP2_16 } from '../pcp/testing/ambiente-di-prova.js';
import { caricaRegoleSchede, problemiRegoleAnac, type RegoleAnac } from './regole-anac.js';

const MODELLO_DATI = join(COPIA_LOCALE, 'modello-dati');

interface Verdetto {
  readonly esito: 'OK' | 'KO';
  readonly codici: readonly string[];
}

/** Changes that may trip one of ANAC's rules; each applies only where the scheda has the field. */
const MODIFICHE: Record<string, (f: any) => void> = {
  istatFuoriLista: (f) => {
    const con = [...(f.lotti ?? []), ...(f.aggiudicazioni ?? [])].find((x) => x.codIstat);
    if (con) con.codIstat.codice = '009999999';
  },
  rinnovi: (f) => {
    if (f.lotti?.[0]?.quadroEconomicoStandard) f.lotti[0].opzioniRinnovi = true;
  },
  urgenza: (f) => {
    if (f.appalto?.motivoUrgenza) f.appalto.motivoUrgenza.codice = '2';
  },
  cupVuoto: (f) => {
    if (f.aggiudicazioni?.[0]) f.aggiudicazioni[0].cup = [''];
    else if (f.lotti?.[0]) f.lotti[0].cup = ['', ''];
  },
  partecipanteRipetuto: (f) => {
    const p = f.aggiudicazioni?.[0]?.partecipanti;
    // The award split in two, so the total stays what it was (the simulator sums the participants).
    if (p?.[0]) {
      p[0].importo = p[0].importo / 2;
      p.push({ ...p[0], idPartecipante: 'b0000000-0000-4000-8000-000000000002' });
    }
  },
  senzaDocumenti: (f) => {
    if (f.lotti?.[0]?.datiBaseDocumenti) f.lotti[0].datiBaseDocumenti.url = 'documenti.example.it';
  },
};

/** A well-formed appalto of one of the schede we send, with random lots and amounts. */
const appalti: fc.Arbitrary<AppaltoPerAnac> = fc.oneof(
  fc.record({ n: fc.integer({ min: 1, max: 6 }), importi: fc.array(fc.integer({ min: 1_000, max: 120_000 }), { minLength: 6, maxLength: 6 }), scheda: fc.constantFrom('P2_16' as const, 'P5' as const) }).map(({ n, importi, scheda }) => {
    const base = appaltoP2_16(n, { scheda });
    return { ...base, lotti: base.lotti.map((l, i) => ({ ...l, importo: String(importi[i]) })) };
  }),
  fc.integer({ min: 100, max: 4_999 }).map((importo) => {
    const base = appaltoAd5();
    const lotto = base.lotti[0];
    return { ...base, lotti: [{ ...lotto, importo: String(importo), aggiudicazione: { ...lotto.aggiudicazione!, partecipanti: [{ ...lotto.aggiudicazione!.partecipanti[0], importo: String(importo) }] } }] };
  }),
  fc.integer({ min: 5_000, max: 139_000 }).map((importo) => {
    const base = appaltoAd5({ codiceAppalto: 'CIGL-AD3-000001', scheda: 'AD3', urlDocumenti: 'https://appalti.example.it/ad3' });
    const lotto = base.lotti[0];
    return { ...base, lotti: [{ ...lotto, importo: String(importo), aggiudicazione: { dataAggiudicazione: '2025-02-20T00:00:00Z', partecipanti: [{ ...lotto.aggiudicazione!.partecipanti[0], importo: String(importo) }] } }] };
  }),
);

/** Each case its own codiceAppalto: the simulator refuses a second crea-appalto with the same one (ERR38). */
let progressivo = 0;
const casi = fc.record({ appalto: appalti, modifiche: fc.subarray(Object.keys(MODIFICHE)) }).map(({ appalto, modifiche }) => {
  const scheda = structuredClone(schedaPcp({ ...appalto, codiceAppalto: `CIGL-PROP-${String(++progressivo).padStart(6, '0')}` })) as SchedaPcp;
  for (const m of modifiche) MODIFICHE[m]((scheda.body as any).anacForm);
  return scheda;
});

const ordinati = (codici: Iterable<string>) => [...new Set(codici)].sort();

/**
 * For random well-formed appalti of every scheda we send, some with changes that trip ANAC's rules,
 * the verdict the service computes locally (ANAC's tables and code lists) is the one the simulator,
 * playing ANAC with the same tables, gives to verifica-appalto: same esito, same codes.
 */
(copiaLocaleDisponibile() ? describe : describe.skip)("local verdict = the simulator's verdict (property)", () => {
  let regole: RegoleAnac;
  let t: SimulatoreDiProva;
  beforeAll(async () => {
    regole = await caricaRegoleSchede(MODELLO_DATI);
    t = await avviaSimulatoreDiProva({ regoleDir: MODELLO_DATI });
  });
  afterAll(async () => t?.close());

  /** The simulator's verdict, and whether it came already from crea-appalto (the structural checks ANAC runs at once, before the tables). */
  async function verdettoSimulatore(scheda: SchedaPcp): Promise<Verdetto & { readonly allaCreazione?: true }> {
    const crea = await t.pcp.post('crea-appalto', { scheda });
    if (crea.status !== 200) return { esito: 'KO', codici: ordinati((crea.body?.errori ?? []).map((e: { codice: string }) => e.codice)), allaCreazione: true };
    const idAppalto = crea.body.idAppalto as string;
    expect((await t.pcp.post('verifica-appalto', { idAppalto })).status).toBe(200);
    t.clock.advance(300);
    const esito = await ultimoEsito(t.pcp, idAppalto, 'AP_VERIF');
    return { esito: esito.esito.codice, codici: ordinati((esito.errori ?? []).map((e: { codice: string }) => e.codice)) };
  }

  it('same esito and same codes for 60 random appalti', async () => {
    const visti = { OK: 0, KO: 0 };
    await fc.assert(
      fc.asyncProperty(casi, async (scheda) => {
        const problemi = problemiRegoleAnac(regole, scheda);
        const locale: Verdetto = { esito: problemi.length === 0 ? 'OK' : 'KO', codici: ordinati(problemi.map((p) => p.codice)) };
        const { allaCreazione, ...simulatore } = await verdettoSimulatore(scheda);
        visti[simulatore.esito] += 1;
        const codiceScheda = scheda.codice.codice;
        if (allaCreazione) {
          // Refused at crea-appalto, the simulator names only the structural errors it met first: the
          // local verdict is KO too and names every one of them.
          expect({ scheda: codiceScheda, esito: locale.esito }).toEqual({ scheda: codiceScheda, esito: 'KO' });
          expect(locale.codici).toEqual(expect.arrayContaining([...simulatore.codici]));
        } else {
          expect({ scheda: codiceScheda, ...locale }).toEqual({ scheda: codiceScheda, ...simulatore });
        }
      }),
      { numRuns: 60 },
    );
    // Both verdicts were exercised, so equality is not trivially all-OK or all-KO.
    expect(visti.OK).toBeGreaterThan(0);
    expect(visti.KO).toBeGreaterThan(0);
  });
});
