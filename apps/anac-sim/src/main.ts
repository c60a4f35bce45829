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
}

main().catch((error: unknown) => {
  process.stderr.write(`ANAC simulator could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
