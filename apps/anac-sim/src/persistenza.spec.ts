import { ManualClock, randomIds } from '#platform';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leggiConfigurazione, SimConfigError } from './config/sim-config.js';
import { richiestaCreaP2_16 } from './testing/pcp-fixtures.js';
import { confermaAppalto, creaAppalto, tuttiICig, ultimoEsito } from './testing/scenari.js';
import { avviaSimulatoreDiProva } from './testing/simulatore-di-prova.js';

describe('ANAC PCP simulator: state file', () => {
  let cartella: string;
  beforeEach(() => {
    cartella = mkdtempSync(join(tmpdir(), 'anac-sim-'));
  });
  afterEach(() => {
    rmSync(cartella, { recursive: true, force: true });
  });

  it('a restarted simulator keeps its appalti, CIGs, running operations and CIG counter', async () => {
    const stateFile = join(cartella, 'stato', 'anac-sim.json');
    const clock = new ManualClock('2025-03-01T09:00:00.000Z');
    const primo = await avviaSimulatoreDiProva({ stateFile, clock, ids: randomIds });
    const confermato = await creaAppalto(primo.pcp, richiestaCreaP2_16({ codiceAppalto: 'RIAVVIO-0001' }));
    await confermaAppalto(primo.pcp, confermato, () => clock.advance(300));
    const cigPrima = await tuttiICig(primo.pcp, confermato);
    const inConferma = await creaAppalto(primo.pcp, richiestaCreaP2_16({ codiceAppalto: 'RIAVVIO-0002' }));
    await primo.pcp.post('conferma-appalto', { idAppalto: inConferma });
    await primo.close();
    expect(readdirSync(join(cartella, 'stato'))).toEqual(['anac-sim.json']);

    const secondo = await avviaSimulatoreDiProva({ stateFile, clock, ids: randomIds });
    try {
      expect(await tuttiICig(secondo.pcp, confermato)).toEqual(cigPrima);
      expect((await secondo.pcp.post('crea-appalto', richiestaCreaP2_16({ codiceAppalto: 'RIAVVIO-0001' }))).body.errori[0].codice).toBe('ERR38');
      expect(await ultimoEsito(secondo.pcp, inConferma, 'AP_CONF')).toMatchObject({ esito: { codice: 'WT' } });
      clock.advance(300);
      expect(await ultimoEsito(secondo.pcp, inConferma, 'AP_CONF')).toMatchObject({ esito: { codice: 'OK' } });
      const nuovi = await tuttiICig(secondo.pcp, inConferma);
      expect(nuovi.filter((n) => cigPrima.some((p) => p.cig === n.cig))).toEqual([]);
      expect(secondo.sim.admin.countByCodiceAppalto()).toEqual({ 'RIAVVIO-0001': 1, 'RIAVVIO-0002': 1 });
    } finally {
      await secondo.close();
    }
  });

  it('a state file it does not recognise stops the start instead of being overwritten', async () => {
    const stateFile = join(cartella, 'altro.json');
    writeFileSync(stateFile, JSON.stringify({ qualcosa: 'altro' }));
    await expect(avviaSimulatoreDiProva({ stateFile })).rejects.toThrow(/non riconosciuto/);
    expect(existsSync(stateFile)).toBe(true);
  });
});

describe('simulator configuration from the environment', () => {
  it('defaults: port 3100 on 127.0.0.1, log level info, memory only', () => {
    expect(leggiConfigurazione({})).toEqual({ port: 3100, host: '127.0.0.1', logLevel: 'info' });
  });

  it('reads port, host, state file, voucher, timings and a RUP registry file', () => {
    const cartella = mkdtempSync(join(tmpdir(), 'anac-sim-conf-'));
    try {
      const registro = join(cartella, 'rup.json');
      writeFileSync(registro, JSON.stringify([{ codiceFiscale: 'AAAAAA00A01H501Z', sa: { codiceFiscale: '11111111115', codiceAusa: '0000000001' } }]));
      const options = leggiConfigurazione({
        SIM_PORT: '0', SIM_HOST: '0.0.0.0', SIM_STATE_FILE: '/tmp/stato.json', SIM_VOUCHER: 'v', SIM_TIMINGS: '{"confermaMs":0}',
        SIM_RUP_REGISTRY: registro, SIM_LOG_LEVEL: 'debug',
      });
      expect(options).toMatchObject({ port: 0, host: '0.0.0.0', stateFile: '/tmp/stato.json', voucher: 'v', timings: { confermaMs: 0 }, logLevel: 'debug' });
      expect(options.rupRegistry).toEqual([{ codiceFiscale: 'AAAAAA00A01H501Z', sa: { codiceFiscale: '11111111115', codiceAusa: '0000000001' } }]);
    } finally {
      rmSync(cartella, { recursive: true, force: true });
    }
  });

  it('fails fast naming the variable', () => {
    expect(() => leggiConfigurazione({ SIM_PORT: 'tremila' })).toThrow(new SimConfigError('SIM_PORT non valido: tremila'));
    expect(() => leggiConfigurazione({ SIM_RUP_REGISTRY: '/non/esiste.json' })).toThrow(/SIM_RUP_REGISTRY/);
    expect(() => leggiConfigurazione({ SIM_TIMINGS: '{' })).toThrow(/SIM_TIMINGS/);
  });
});
