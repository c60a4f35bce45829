import { leggiConfigurazione } from './config/sim-config.js';
import { startSimulator } from './simulator.js';

/** `node dist/apps/anac-sim/src/main.js`: configure from the environment, start, stop on signals. */
async function main(): Promise<void> {
  const simulator = await startSimulator(leggiConfigurazione());
  process.stdout.write(`ANAC simulator listening on ${simulator.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Started by the service as its child: leave with it, even if it was killed (its end of stdin closes).
  if (process.env.SIM_EXIT_WITH_PARENT === '1') {
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`ANAC simulator could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
