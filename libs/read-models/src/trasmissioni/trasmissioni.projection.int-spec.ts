import { randomUUID } from 'node:crypto';
import type { ChiamataAnac, PraticaAnacEvent } from '#domain';
import type { EventData } from '#event-store';
import { ambienteDiProva, type AmbienteDiProva } from '../testing/ambiente-di-prova.js';
import { trasmissioniProjection } from './trasmissioni.projection.js';

/**
 * LOG TRASMISSIONI: what ANAC answered, as ANAC sent it. An esito-operazione call ends HTTP 200
 * whatever the esito: a KO it carries is shown as KO with ANAC's codes and texts, never as
 * "OK" with no errors. Attempts are numbered per ANAC operation of the practice.
 */
describe('transmission log projection', () => {
  let t: AmbienteDiProva;
  const appaltoId = randomUUID();
  const praticaId = randomUUID();
  let minuto = 0;

  const esito = (codice: 'OK' | 'KO' | 'WT', dettaglio: string, errori: Array<{ codice: string; dettaglio?: string }> = []) => ({
    listaEsiti: [{
      idAppalto: appaltoId, tipoOperazione: { idTipologica: 'tipoOperazione', codice: 'AP_CONF' }, esito: { idTipologica: 'esito', codice },
      dettaglio: { idTipologica: 'esitoOperazione', codice: dettaglio }, errori: errori.map((e) => ({ idTipologica: 'errori', ...e })),
    }],
  });
  /** One exchange as the process manager records it: `tentativo` is the practice's step counter, as stored today. */
  const scambio = (tentativo: number, c: Partial<ChiamataAnac> & Pick<ChiamataAnac, 'operazione' | 'contesto' | 'esito'>): EventData => {
    const inizio = new Date(Date.UTC(2024, 2, 1, 9, minuto++)).toISOString();
    const e: PraticaAnacEvent = {
      type: 'TrasmissioneAnacEseguita',
      data: {
        appaltoId, praticaId, operazione: 'CONFERMA', passo: 'ESITO_CONFERMA', tentativo, perContoDi: 'GVNMRC70A01D612Q',
        chiamata: { requestId: randomUUID(), inizio, durataMs: 12, descrizione: 'Richiesta elaborata con successo', errori: [], ...c },
      },
    };
    return { id: randomUUID(), type: e.type, data: e.data, metadata: { effectiveAt: inizio, recordedAt: inizio } };
  };

  beforeAll(async () => {
    t = await ambienteDiProva();
    await t.scrivi([{
      streamId: `pratica-anac-${appaltoId}`,
      eventi: [
        scambio(1, { operazione: 'crea-appalto', contesto: 'Crea Appalto', esito: 'OK', httpStatus: 200 }),
        // The gateway's own retry: two exchanges recorded by one step, with one step counter.
        scambio(2, { operazione: 'conferma-appalto', contesto: 'Conferma Appalto', esito: 'ERRORE', httpStatus: 503, descrizione: 'ANAC non raggiungibile (HTTP 503)' }),
        scambio(2, { operazione: 'conferma-appalto', contesto: 'Conferma Appalto', esito: 'OK', httpStatus: 200 }),
        scambio(3, { operazione: 'esito-operazione', contesto: 'Esito Operazione', esito: 'OK', httpStatus: 200, risposta: esito('WT', 'AP_IN_CONF') }),
        scambio(4, {
          operazione: 'esito-operazione', contesto: 'Esito Operazione', esito: 'OK', httpStatus: 200, descrizione: 'Tipo Operazione: Conferma appalto; Esito Operazione: Appalto non confermato;',
          risposta: esito('KO', 'AP_N_CONF', [{ codice: 'ERR46', dettaglio: 'BT-24 mancante nel lotto LOT-0001' }]),
        }),
        scambio(5, { operazione: 'recupera-cig', contesto: 'Recupera CIG', esito: 'OK', httpStatus: 200 }),
        scambio(5, { operazione: 'recupera-cig', contesto: 'Recupera CIG', esito: 'OK', httpStatus: 200, pagina: 2 }),
      ],
    }]);
  });
  afterAll(() => t?.close());

  const righe = async () =>
    (await t.db.pool.query(`SELECT operazione, esito AS messaggio, tentativo, errori FROM rm_trasmissioni WHERE appalto_id = $1 ORDER BY il`, [appaltoId])).rows;

  it("shows an esito-operazione KO as KO with ANAC's codes and texts, and a WT as WT", async () => {
    await t.proietta(trasmissioniProjection);
    const [, , , wt, ko] = await righe();
    expect(wt).toMatchObject({ operazione: 'esito-operazione', messaggio: 'WT', errori: [] });
    expect(ko).toMatchObject({
      operazione: 'esito-operazione', messaggio: 'KO',
      errori: [{ codice: 'ERR46', descrizione: "errore durante la validazione dell'eForm", dettaglio: 'BT-24 mancante nel lotto LOT-0001' }],
    });
  });

  it('numbers the attempts of each operation 1, 2, 3 …; further pages of a list belong to their attempt', async () => {
    await t.proietta(trasmissioniProjection);
    expect((await righe()).map((r) => [r.operazione, r.messaggio, r.tentativo])).toEqual([
      ['crea-appalto', 'OK', 1],
      ['conferma-appalto', 'ERRORE', 1],
      ['conferma-appalto', 'OK', 2],
      ['esito-operazione', 'WT', 1],
      ['esito-operazione', 'KO', 2],
      ['recupera-cig', 'OK', 1],
      ['recupera-cig', 'OK', 1],
    ]);
  });

  it('replayed twice, one event at a time or in one batch: the same rows', async () => {
    const prima = await righe();
    for (const batchSize of [1, 500]) {
      await t.db.pool.query('TRUNCATE rm_trasmissioni');
      await t.checkpoints.reset('trasmissioni');
      await t.proietta(trasmissioniProjection, { batchSize });
      expect(await righe()).toEqual(prima);
    }
  });
});
