/**
 * The service in processes of its own (the compiled `main.js`, as `npm start` runs it), the ANAC
 * simulator in another, a scratch database: the bench's clients, in the bench's process, share
 * nothing with them but the machine. One or more instances of the service on the same database.
 *
 * BENCH_CPU_PROF=<folder> starts each instance, and the simulator, with `node --cpu-prof` writing its profile there;
 * BENCH_QUERY_COUNT=<folder> makes each instance write there the statements it sent (conta-query.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadOrCreateDevKeys, mintDevToken, type Ruolo } from '#platform';
import { createTestDatabase } from '../libs/platform/src/testing/scratch-database.js';
import type { SimulatorOptions } from '../apps/anac-sim/src/simulator.js';
import { chiaveDiSviluppo } from '../apps/cig-service/src/anac/anac-gateway.factory.js';

const QUI = dirname(fileURLToPath(import.meta.url));
const MAIN_SERVIZIO = resolve(QUI, '../apps/cig-service/src/main.js');
const MAIN_SIMULATORE = resolve(QUI, 'processo-simulatore.js');
const CONTA_QUERY = resolve(QUI, 'conta-query.js');
const IN_ASCOLTO = /listening on (http:\/\/\S+)/;

export interface ServizioInProcessi {
  /** The URL of each instance, in start order. */
  readonly urls: readonly string[];
  /** A pool on the instances' database, for the bench's own checks after the load. */
  readonly pool: pg.Pool;
  /**
   * CPU time (user + system, ms) the service processes have used so far, from /proc (Linux; NaN
   * elsewhere): per request, the figure a busy shared machine does not distort as it does wall time.
   */
  cpuMs(): number;
  /** What the service processes wrote so far (stdout and stderr: at the bench's LOG_LEVEL, errors only). */
  uscita(): string;
  /** The same for the ANAC simulator's process. */
  cpuSimulatoreMs(): number;
  /** A development token for a buyer of the Tuscan office (or another role of it). */
  token(userId: string, nome: string, ruoli?: Ruolo[]): Promise<string>;
  close(): Promise<void>;
}

interface Figlio {
  readonly child: ChildProcess;
  readonly url: Promise<string>;
  output(): string;
}

function avvia(main: string, env: Record<string, string>, nodeArgs: readonly string[] = []): Figlio {
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let testo = '';
  const url = new Promise<string>((resolveUrl, reject) => {
    const leggi = (chunk: Buffer) => {
      testo += chunk.toString();
      const trovato = IN_ASCOLTO.exec(testo);
      if (trovato) resolveUrl(trovato[1]!);
    };
    child.stdout!.on('data', leggi);
    child.stderr!.on('data', leggi);
    child.on('exit', (code) => reject(new Error(`${main} exited (${code}) before listening:\n${testo}`)));
  });
  return { child, url, output: () => testo };
}

/** utime + stime of a process in ms (clock ticks of 10 ms, the Linux default). */
function cpuMsDi(pid: number | undefined): number {
  try {
    const campi = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(campi[11]) + Number(campi[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time (user + system, ms) of each PostgreSQL backend connected now to the database `via`
 * reads (the service's pool, or a connection held over a load whose end may find the server's
 * connections all taken), by pid. PostgreSQL's shared processes (WAL writer, checkpointer), which
 * serve every database of the server, are not counted.
 */
export async function cpuBackend(via: Pick<pg.Pool, 'query'> | pg.PoolClient): Promise<Map<number, number>> {
  const { rows } = await via.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
  return new Map(rows.map((r) => [r.pid, cpuMsDi(r.pid)] as const).filter(([, ms]) => Number.isFinite(ms)));
}

/** The CPU (ms) the backends spent between two readings of {@link cpuBackend}; one that ended in between is not counted. */
export function cpuTrascorsa(prima: ReadonlyMap<number, number>, dopo: ReadonlyMap<number, number>): number {
  let ms = 0;
  for (const [pid, fine] of dopo) ms += fine - (prima.get(pid) ?? 0);
  return ms;
}

async function ferma(f: Figlio): Promise<void> {
  if (f.child.exitCode !== null || f.child.signalCode !== null) return;
  const uscito = new Promise<void>((r) => f.child.once('exit', () => r()));
  f.child.kill('SIGTERM');
  const timer = setTimeout(() => f.child.kill('SIGKILL'), 15_000);
  await uscito;
  clearTimeout(timer);
}

/**
 * Starts the simulator and `istanze` instances of the service with `env` on top of the settings
 * that wire them together; the simulator answers at once (`confermaMs: 0`) unless `simulatore` says otherwise.
 */
export async function servizioInProcessi(
  nome: string,
  env: Record<string, string>,
  simulatore: Omit<SimulatorOptions, 'jwsPublicKey'> = {},
  istanze = 1,
): Promise<ServizioInProcessi> {
  const db = await createTestDatabase(4);
  const dataDir = mkdtempSync(join(tmpdir(), `bench-${nome}-`));
  const figli: Figlio[] = [];
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const chiudi = async () => {
    for (const f of figli.slice().reverse()) await ferma(f);
    await pool.end();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const chiavi = await loadOrCreateDevKeys(dataDir);
    const profilo = process.env.BENCH_CPU_PROF;
    const query = process.env.BENCH_QUERY_COUNT;
    const sim = avvia(MAIN_SIMULATORE, {
      BENCH_SIM_OPTIONS: JSON.stringify({ jwsPublicKey: (await chiaveDiSviluppo(dataDir)).publicKeyPem, timings: { confermaMs: 0 }, ...simulatore }),
    }, profilo ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profilo)}`, `--cpu-prof-name=simulatore-${nome}-${process.pid}.cpuprofile`] : []);
    figli.push(sim);
    const anac = await sim.url;
    const urls: string[] = [];
    for (let i = 0; i < istanze; i++) {
      const nodeArgs = [
        ...(profilo ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profilo)}`, `--cpu-prof-name=servizio-${nome}-${i}-${process.pid}.cpuprofile`] : []),
        ...(query ? ['--import', CONTA_QUERY] : []),
      ];
      // One at a time: the first runs the migrations.
      const f = avvia(MAIN_SERVIZIO, {
        PORT: '0', DATA_DIR: dataDir, DATABASE_URL: db.url, ANAC_PCP_URL: anac, LOG_LEVEL: 'error', ...env,
        ...(query ? { BENCH_QUERY_COUNT: resolve(query, `query-${nome}-${i}-${process.pid}.json`) } : {}),
      }, nodeArgs);
      figli.push(f);
      urls.push(await f.url);
    }
    const servizi = figli.slice(1);
    return {
      urls,
      pool,
      cpuMs: () => servizi.reduce((totale, f) => totale + cpuMsDi(f.child.pid), 0),
      uscita: () => servizi.map((f) => f.output()).join(''),
      cpuSimulatoreMs: () => cpuMsDi(sim.child.pid),
      token: (userId, nomeUtente, ruoli = ['BUYER']) =>
        mintDevToken(chiavi, {
          userId, nome: nomeUtente, codiceFiscale: 'BNCFNC80A41D612P', ruoli,
          ufficio: 'UFF-TOSCANA-GARE', centriDiCosto: ['CDC-TOSCANA-CONTRATTI'], stazioneAppaltante: '01386030488',
        }, { issuer: env.AUTH_ISSUER ?? 'cig-ledger-dev', audience: env.AUTH_AUDIENCE ?? 'cig-ledger' }),
      close: chiudi,
    };
  } catch (error) {
    await chiudi().catch(() => undefined);
    throw error;
  }
}
