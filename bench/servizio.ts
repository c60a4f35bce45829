/** The service, the ANAC simulator and a scratch database in this process, for the HTTP benches (flow, load). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, mintDevToken, type AppConfig, type Ruolo } from '#platform';
import { createTestDatabase } from '../libs/platform/src/testing/scratch-database.js';
import { startSimulator, type SimulatorOptions } from '../apps/anac-sim/src/simulator.js';
import { chiaveDiSviluppo } from '../apps/cig-service/src/anac/anac-gateway.factory.js';
import { startService, type StartOptions } from '../apps/cig-service/src/bootstrap.js';

/** Where a bench user works: the Tuscan office of the directory unless told otherwise. */
export interface Titolare {
  readonly ufficio: string;
  readonly centriDiCosto: readonly string[];
  readonly stazioneAppaltante: string;
}
const TOSCANA: Titolare = { ufficio: 'UFF-TOSCANA-GARE', centriDiCosto: ['CDC-TOSCANA-CONTRATTI'], stazioneAppaltante: '01386030488' };

export interface ServizioDiBench {
  readonly url: string;
  readonly config: AppConfig;
  readonly service: Awaited<ReturnType<typeof startService>>;
  /** A development token for a buyer of the seed's Tuscan office (or another role, or another office). */
  token(userId: string, nome: string, ruoli?: Ruolo[], titolare?: Titolare): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts everything with `env` on top of the settings that wire it together (port, data folder,
 * database, simulator URL); the simulator answers at once (`confermaMs: 0`) unless `simulatore` says otherwise.
 * The database is a scratch one, dropped at close, unless `databaseUrl` names one to use as it is (kept).
 */
export async function servizioDiBench(
  nome: string,
  env: Record<string, string>,
  simulatore: SimulatorOptions = {},
  { databaseUrl, ...opzioni }: StartOptions & { readonly databaseUrl?: string } = {},
): Promise<ServizioDiBench> {
  const db = databaseUrl ? { url: databaseUrl, drop: async () => undefined } : await createTestDatabase(4);
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${nome}-`));
  const sim = await startSimulator({ logLevel: 'silent', jwsPublicKey: (await chiaveDiSviluppo(dataDir)).publicKeyPem, timings: { confermaMs: 0 }, ...simulatore });
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, DATABASE_URL: db.url, ANAC_PCP_URL: sim.url, ...env });
  const service = await startService(config, opzioni);
  return {
    url: service.url,
    config,
    service,
    token: (userId, nomeUtente, ruoli = ['BUYER'], titolare = TOSCANA) =>
      mintDevToken(service.runtime.identity.devKeys!, {
        userId, nome: nomeUtente, codiceFiscale: 'BNCFNC80A41D612P', ruoli, ...titolare, centriDiCosto: [...titolare.centriDiCosto],
      }, { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE }),
    async close() {
      await service.close();
      await sim.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The requests that prepare an AD5 appalto with one lot of stationery, as the HTTP benches send them. */
export const AD5 = {
  appalto: (oggetto: string) => ({
    scheda: 'AD5', tipoProcedura: 'AFFIDAMENTO_DIRETTO', centroDiCosto: 'CDC-TOSCANA-CONTRATTI', rup: 'GVNMRC70A01D612Q',
    datiGara: { oggetto, settore: 'ORDINARIO', oggettoPrincipale: 'FORNITURE' },
  }),
  classificazione: { cpv: [{ codice: '30192000-1', principale: true }] },
  lotto: {
    oggetto: 'Cancelleria', oggettoContratto: 'FORNITURE', importo: '1250.00', cpv: '30192000-1', luogoIstat: '048017',
    aggiudicazione: { partecipanti: [{ codiceFiscale: '01234567897', denominazione: 'Cartoleria Esempio S.r.l.', importo: '1250.00' }] },
  },
};
