import { join } from 'node:path';
import { leggiConfigurazione } from '../../../../apps/anac-sim/src/config/sim-config.js';
import { COPIA_LOCALE, copiaLocaleDisponibile } from '../../../../apps/anac-sim/src/testing/copia-locale.js';
import { confermaAppalto, creaAppalto, ultimoEsito } from '../../../../apps/anac-sim/src/testing/scenari.js';
import { avviaSimulatoreDiProva, type SimulatoreDiProva } from '../../../../apps/anac-sim/src/testing/simulatore-di-prova.js';
import type { SchedaPcp } from '../gateway/anac-gateway.js';
import { schedaPcp } from '../pcp/scheda-pcp.js';
import { appaltoAd5, appaltoP2_16 } from '../pcp/testing/ambiente-di-prova.js';
import { caricaRegoleSchede, problemiRegoleAnac, type RegoleAnac } from './regole-anac.js';

const MODELLO_DATI = join(COPIA_LOCALE, 'modello-dati');

/** A P2_16 with renewal options but no amount for them in the quadro economico: ANAC's REG37. */
function conRinnovi(): SchedaPcp {
  const scheda = structuredClone(schedaPcp(appaltoP2_16(2))) as SchedaPcp;
  (scheda.body as any).anacForm.lotti[1].opzioniRinnovi = true;
  return scheda;
}

/** conferma-appalto, then the clock past ANAC's wait: the esito's codes. */
async function esitoConferma(t: SimulatoreDiProva, scheda: SchedaPcp): Promise<{ esito: string; codici: string[] }> {
  const idAppalto = await creaAppalto(t.pcp, { scheda });
  expect((await t.pcp.post('conferma-appalto', { idAppalto })).status).toBe(200);
  t.clock.advance(300);
  const esito = await ultimoEsito(t.pcp, idAppalto, 'AP_CONF');
  return { esito: esito.esito.codice, codici: (esito.errori ?? []).map((e: { codice: string }) => e.codice) };
}

(copiaLocaleDisponibile() ? describe : describe.skip)("the simulator plays ANAC with ANAC's rules (SIM_REGOLE_DIR)", () => {
  let regole: RegoleAnac;
  let conRegole: SimulatoreDiProva;
  let senzaRegole: SimulatoreDiProva;
  beforeAll(async () => {
    regole = await caricaRegoleSchede(MODELLO_DATI);
    // Both configured as `node anac-sim` is: from its environment, with and without SIM_REGOLE_DIR.
    const { port: _p1, host: _h1, logLevel: _l1, ...conCartella } = leggiConfigurazione({ SIM_REGOLE_DIR: MODELLO_DATI });
    const { port: _p2, host: _h2, logLevel: _l2, ...senzaCartella } = leggiConfigurazione({});
    expect(conCartella).toEqual({ regoleDir: MODELLO_DATI });
    expect(senzaCartella).toEqual({});
    conRegole = await avviaSimulatoreDiProva(conCartella);
    senzaRegole = await avviaSimulatoreDiProva(senzaCartella);
  });
  afterAll(async () => {
    await conRegole?.close();
    await senzaRegole?.close();
  });

  it('what ANAC (the simulator with the tables) answers KO REG37, the service catches locally with the same code', async () => {
    const scheda = conRinnovi();
    expect(problemiRegoleAnac(regole, scheda)).toEqual([expect.objectContaining({ sezione: 'lotti', codice: 'REG37' })]);
    expect(await esitoConferma(conRegole, scheda)).toEqual({ esito: 'KO', codici: ['REG37'] });
    // Without the tables the simulator's hand-written checks let it through: the rule is ANAC's table.
    expect((await esitoConferma(senzaRegole, conRinnovi())).esito).toBe('OK');
  });

  it('an ISTAT code outside ANAC\'s codIstat is KO ERR63 at ANAC and locally', async () => {
    const scheda = structuredClone(schedaPcp(appaltoAd5({ codiceAppalto: 'CIGL-AD5-ISTAT01' }))) as SchedaPcp;
    (scheda.body as any).anacForm.aggiudicazioni[0].codIstat.codice = '009999999';
    expect(problemiRegoleAnac(regole, scheda).map((p) => p.codice)).toEqual(['ERR63']);
    expect(await esitoConferma(conRegole, scheda)).toEqual({ esito: 'KO', codici: ['ERR63'] });
  });

  it('SIM_REGOLE_DIR naming a folder without tables stops the simulator at start', async () => {
    await expect(avviaSimulatoreDiProva(leggiConfigurazione({ SIM_REGOLE_DIR: join(COPIA_LOCALE, 'non-esiste') }))).rejects.toThrow();
  });

  it('clean AD5 and P2_16 schede are confirmed by the simulator with the tables', async () => {
    expect(await confermaAppalto(conRegole.pcp, await creaAppalto(conRegole.pcp, { scheda: schedaPcp(appaltoAd5({ codiceAppalto: 'CIGL-AD5-PULITO1' })) }), () => conRegole.clock.advance(300))).toMatchObject({ idAvviso: expect.any(String) });
    expect(await confermaAppalto(conRegole.pcp, await creaAppalto(conRegole.pcp, { scheda: schedaPcp(appaltoP2_16(3, { codiceAppalto: 'CIGL-P216-PULITO' })) }), () => conRegole.clock.advance(300))).toMatchObject({ idAvviso: expect.any(String) });
  });

  it('a clean P5 is OK: its lots have no CPV nor place in ANAC\'s schema, so REG116/REG124 do not apply', async () => {
    expect(await esitoConferma(conRegole, schedaPcp(appaltoP2_16(2, { codiceAppalto: 'CIGL-P5-PULITO01', scheda: 'P5' })))).toEqual({ esito: 'OK', codici: [] });
  });
});
