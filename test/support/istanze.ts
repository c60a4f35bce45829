import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateDevKeys, mintDevToken } from '#platform';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../apps/anac-sim/src/simulator.js';
import { chiaveDiSviluppo } from '../../apps/cig-service/src/anac/anac-gateway.factory.js';
import { runService, type ServiceProcess } from './process.js';
import { seedUser, send, type UserClient } from './service.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * Compiled service processes on one test database, one data folder (shared keys) and one ANAC
 * simulator, for the tests of several instances: each `avvia` starts one more with its own
 * settings; `chiudi` kills those still running (SIGKILL), stops the simulator and removes the rest.
 */
export interface Istanze {
  readonly db: TestDatabase;
  readonly sim: RunningSimulator;
  readonly dataDir: string;
  avvia(env?: Record<string, string>): Promise<Istanza>;
  /** A client of `url` with a development token of the directory's user `userId`. */
  cliente(url: string, userId: string): Promise<UserClient>;
  chiudi(): Promise<void>;
}

export interface Istanza {
  readonly proc: ServiceProcess;
  readonly url: string;
}

const IN_ASCOLTO = /listening on (http:\/\/\S+)/;

export async function preparaIstanze(nome: string, simulatore: Omit<SimulatorOptions, 'jwsPublicKey' | 'logLevel'> = {}): Promise<Istanze> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), `cig-${nome}-`));
  let sim: RunningSimulator;
  try {
    sim = await startSimulator({ logLevel: 'silent', jwsPublicKey: (await chiaveDiSviluppo(dataDir)).publicKeyPem, ...simulatore });
  } catch (error) {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const processi: ServiceProcess[] = [];
  return {
    db,
    sim,
    dataDir,
    async avvia(env = {}) {
      const proc = runService({ DATABASE_URL: db.url, ANAC_PCP_URL: sim.url, DATA_DIR: dataDir, PORT: '0', ...env });
      processi.push(proc);
      const output = await proc.waitFor(IN_ASCOLTO, 60_000);
      return { proc, url: IN_ASCOLTO.exec(output)![1]! };
    },
    async cliente(url, userId) {
      const token = await mintDevToken(await loadOrCreateDevKeys(dataDir), seedUser(userId), { issuer: 'cig-ledger-dev', audience: 'cig-ledger' });
      return { request: (method, path, body, headers = {}) => send(url, method, path, body, { authorization: `Bearer ${token}`, ...headers }) };
    },
    async chiudi() {
      for (const p of processi) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await Promise.all(processi.map((p) => p.exited()));
      await sim.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
