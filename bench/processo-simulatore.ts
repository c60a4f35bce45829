/**
 * The ANAC simulator in a process of its own, for the benches that keep it out of the service's
 * process: options from BENCH_SIM_OPTIONS (JSON of SimulatorOptions), port 0; prints the line
 * "listening on <url>"; stops when its parent closes stdin or sends SIGTERM.
 */
import { startSimulator, type SimulatorOptions } from '../apps/anac-sim/src/simulator.js';

const opzioni = JSON.parse(process.env.BENCH_SIM_OPTIONS ?? '{}') as SimulatorOptions;
const simulatore = await startSimulator({ logLevel: 'silent', port: 0, ...opzioni });
process.stdout.write(`listening on ${simulatore.url}\n`);
let fermo = false;
const ferma = () => {
  if (fermo) return;
  fermo = true;
  void simulatore.close().finally(() => process.exit(0));
};
process.on('SIGTERM', ferma);
process.stdin.on('end', ferma);
process.stdin.resume();
