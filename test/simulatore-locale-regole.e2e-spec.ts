import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppConfig, Logger } from '#platform';
import { chiaveDiSviluppo } from '../apps/cig-service/src/anac/anac-gateway.factory.js';
import { ambienteSimulatoreLocale, avviaSimulatoreLocale, type SimulatoreLocale } from '../apps/cig-service/src/anac/simulatore-locale.js';
import { COPIA_LOCALE, copiaLocaleDisponibile } from '../apps/anac-sim/src/testing/copia-locale.js';
import { ClientePcp } from '../apps/anac-sim/src/testing/pcp-client.js';
import { RUP_TOSCANA, SA_REGIONE_TOSCANA } from '../apps/anac-sim/src/testing/pcp-fixtures.js';
import { creaAppalto, ultimoEsito } from '../apps/anac-sim/src/testing/scenari.js';
import type { SchedaPcp } from '../libs/anac/src/gateway/anac-gateway.js';
import { schedaPcp } from '../libs/anac/src/pcp/scheda-pcp.js';
import { appaltoP2_16 } from '../libs/anac/src/pcp/testing/ambiente-di-prova.js';

/** The compiled simulator `npm start` runs as its child when no ANAC_PCP_URL is configured. */
const SIMULATORE = resolve('dist/apps/anac-sim/src/main.js');
const MODELLO_DATI = join(COPIA_LOCALE, 'modello-dati');

function registro(): { logger: Logger; avvisi: string[] } {
  const avvisi: string[] = [];
  const nulla = () => undefined;
  const logger = { info: nulla, debug: nulla, error: nulla, trace: nulla, fatal: nulla, warn: (_o: unknown, m?: string) => avvisi.push(String(m ?? _o)) };
  return { logger: { ...logger, child: () => logger } as unknown as Logger, avvisi };
}

/** A P2_16 with renewal options but no amount for them in the quadro economico: ANAC's REG37. */
function conRinnovi(codiceAppalto: string): SchedaPcp {
  const scheda = structuredClone(schedaPcp(appaltoP2_16(2, { codiceAppalto }))) as SchedaPcp;
  (scheda.body as any).anacForm.lotti[1].opzioniRinnovi = true;
  return scheda;
}

/** verifica-appalto on the simulator, waiting (real time) past its WT: the esito and its codes. */
async function verifica(sim: SimulatoreLocale, dataDir: string, codiceAppalto: string): Promise<{ esito: string; codici: string[] }> {
  const pcp = new ClientePcp(sim.url, { identita: { userCodiceFiscale: RUP_TOSCANA, sa: SA_REGIONE_TOSCANA }, privateKey: createPrivateKey((await chiaveDiSviluppo(dataDir)).privateKeyPem) });
  const idAppalto = await creaAppalto(pcp, { scheda: conRinnovi(codiceAppalto) });
  expect((await pcp.post('verifica-appalto', { idAppalto })).status).toBe(200);
  for (let i = 0; i < 100; i++) {
    const esito = await ultimoEsito(pcp, idAppalto, 'AP_VERIF');
    if (esito && esito.esito.codice !== 'WT') return { esito: esito.esito.codice, codici: (esito.errori ?? []).map((e: { codice: string }) => e.codice) };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('verifica-appalto still waiting after 10 s');
}

describe('the local simulator of npm start gets ANAC_REGOLE_DIR as its SIM_REGOLE_DIR', () => {
  it('its environment carries SIM_REGOLE_DIR exactly when the service has ANAC_REGOLE_DIR', () => {
    expect(ambienteSimulatoreLocale({ DATA_DIR: '/d', ANAC_REGOLE_DIR: '/regole' }, '/d/k.pem')).toMatchObject({ SIM_REGOLE_DIR: '/regole', SIM_STATE_FILE: '/d/anac-sim/stato.json', SIM_JWS_PUBLIC_KEY_FILE: '/d/k.pem' });
    expect(ambienteSimulatoreLocale({ DATA_DIR: '/d', ANAC_REGOLE_DIR: undefined }, '/d/k.pem')).not.toHaveProperty('SIM_REGOLE_DIR');
  });

  it('a wrong ANAC_REGOLE_DIR stops the simulator at start, so the folder reaches it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sim-locale-'));
    const { logger, avvisi } = registro();
    try {
      await expect(avviaSimulatoreLocale({ DATA_DIR: dataDir, ANAC_REGOLE_DIR: join(dataDir, 'non-esiste') } as AppConfig, logger, SIMULATORE)).rejects.toThrow(/exited/);
      expect(avvisi.join('\n')).toMatch(/could not start/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  (copiaLocaleDisponibile() ? it : it.skip)("with ANAC's folder the simulator answers KO REG37 for a scheda that trips it; without it, OK", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sim-locale-'));
    const conRegole = await avviaSimulatoreLocale({ DATA_DIR: join(dataDir, 'con'), ANAC_REGOLE_DIR: MODELLO_DATI } as AppConfig, registro().logger, SIMULATORE);
    const senzaRegole = await avviaSimulatoreLocale({ DATA_DIR: join(dataDir, 'senza') } as AppConfig, registro().logger, SIMULATORE);
    try {
      expect(await verifica(conRegole, join(dataDir, 'con'), 'CIGL-P216-RINNOV1')).toEqual({ esito: 'KO', codici: ['REG37'] });
      expect((await verifica(senzaRegole, join(dataDir, 'senza'), 'CIGL-P216-RINNOV2')).esito).toBe('OK');
    } finally {
      conRegole.stop();
      senzaRegole.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
