import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSimulator, SimulatorOptions } from '../../apps/anac-sim/src/simulator.js';
import { inAscolto, runService, type ServiceProcess } from './process.js';
import { avviaSimulatore, clienteCon, tokenDiSviluppo, type UserClient } from './service.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/**
 * What the services of a test share, whether started one after another (restarts) or side by side:
 * a test database, a data folder (the development keys) and an ANAC simulator that checks the
 * tracking JWS with those keys. `chiudi` stops the simulator and removes the database and the folder.
 */
export interface Banco {
  readonly db: TestDatabase;
  readonly sim: RunningSimulator;
  readonly dataDir: string;
  chiudi(): Promise<void>;
}

export async function preparaBanco(nome: string, simulatore: Omit<SimulatorOptions, 'jwsPublicKey' | 'logLevel'> = {}, connessioni?: number): Promise<Banco> {
  const db = await createTestDatabase(connessioni);
  const dataDir = mkdtempSync(join(tmpdir(), `cig-${nome}-`));
  let sim: RunningSimulator;
  try {
    sim = await avviaSimulatore(dataDir, simulatore);
  } catch (error) {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    db,
    sim,
    dataDir,
    async chiudi() {
      await sim.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Compiled service processes on one Banco, for the tests of several instances: each `avvia` starts
 * one more with its own settings; `chiudi` kills those still running (SIGKILL), then closes the Banco.
 */
export interface Istanze extends Banco {
  avvia(env?: Record<string, string>): Promise<Istanza>;
  /** A client of `url` with a development token of the directory's user `userId`. */
  cliente(url: string, userId: string): Promise<UserClient>;
}

export interface Istanza {
  readonly proc: ServiceProcess;
  readonly url: string;
}

export async function preparaIstanze(nome: string, simulatore: Omit<SimulatorOptions, 'jwsPublicKey' | 'logLevel'> = {}, connessioni?: number): Promise<Istanze> {
  const banco = await preparaBanco(nome, simulatore, connessioni);
  const { db, sim, dataDir } = banco;
  const processi: ServiceProcess[] = [];
  return {
    db,
    sim,
    dataDir,
    async avvia(env = {}) {
      const proc = runService({ DATABASE_URL: db.url, ANAC_PCP_URL: sim.url, DATA_DIR: dataDir, PORT: '0', ...env });
      processi.push(proc);
      return { proc, url: await inAscolto(proc, 60_000) };
    },
    async cliente(url, userId) {
      return clienteCon(url, await tokenDiSviluppo(dataDir, userId));
    },
    async chiudi() {
      for (const p of processi) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await Promise.all(processi.map((p) => p.exited()));
      await banco.chiudi();
    },
  };
}
