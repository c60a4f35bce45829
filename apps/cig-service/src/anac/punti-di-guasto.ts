import type { Passo } from './pratiche.store.js';

/**
 * Named boundaries of a step's call to ANAC where tests stop the worker, to prove that a
 * practice interrupted there ends right: before the request leaves, after ANAC answered but
 * before the answer is stored. The spawned service dies there for real (SIGKILL) with the setting
 * ANAC_CRASH_AT; in-process tests install a hook that throws {@link InterruzioneSimulata}.
 */
export type Confine = 'prima-invio' | 'dopo-risposta';

/** Thrown by a test hook: the step stops as if the process had died (nothing after it runs). */
export class InterruzioneSimulata extends Error {
  constructor(passo: Passo, confine: Confine) {
    super(`interruzione simulata a ${passo}/${confine}`);
  }
}

export type Guasto = (passo: Passo, confine: Confine) => void;
let guasto: Guasto | undefined;

/** Test-only: installs (or removes, with undefined) the hook called at every boundary. */
export function impostaGuasto(g: Guasto | undefined): void {
  guasto = g;
}

export function confine(passo: Passo, c: Confine): void {
  guasto?.(passo, c);
}

/** ANAC_CRASH_AT=`PASSO:confine` (e.g. `CONFERMA:dopo-risposta`): the process kills itself there, once. */
export function guastoDaImpostazione(valore: string | undefined): Guasto | undefined {
  if (!valore) return undefined;
  const [passo, punto] = valore.split(':');
  return (p, c) => {
    if (p === passo && c === punto) process.kill(process.pid, 'SIGKILL');
  };
}
