import type { Passo } from './pratiche.store.js';

/**
 * Named boundaries of a step where tests stop the worker, to prove that a practice interrupted
 * there ends right: before the request leaves (`prima-invio`), after ANAC answered but before the
 * answer is stored (`dopo-risposta`), after the outcome was recorded (HTTP exchanges in the
 * practice's stream, commands on the appalto) but before the practice moves on to its next step
 * (`dopo-registrazione`). The spawned service dies there for real (SIGKILL) with the setting
 * ANAC_CRASH_AT; in-process tests install a hook that throws {@link InterruzioneSimulata}.
 */
export type Confine = 'prima-invio' | 'dopo-risposta' | 'dopo-registrazione';

export const CONFINI: readonly Confine[] = ['prima-invio', 'dopo-risposta', 'dopo-registrazione'];

/** Thrown by a test hook: the step stops as if the process had died (nothing after it runs). */
export class InterruzioneSimulata extends Error {
  constructor(passo: Passo, confine: Confine) {
    super(`interruzione simulata a ${passo}/${confine}`);
  }
}

/**
 * `ripresa`: the step runs on a claim that took over an interrupted practice (this instance, or
 * another, stopped in the middle of one of its steps).
 */
export type Guasto = (passo: Passo, confine: Confine, ripresa: boolean) => void;
let guasto: Guasto | undefined;

/** Test-only: installs (or removes, with undefined) the hook called at every boundary. */
export function impostaGuasto(g: Guasto | undefined): void {
  guasto = g;
}

export function confine(passo: Passo, c: Confine, ripresa = false): void {
  guasto?.(passo, c, ripresa);
}

/**
 * ANAC_CRASH_AT=`PASSO:confine` (e.g. `CONFERMA:dopo-risposta`): the process kills itself there.
 * Not on a claim that took over an interrupted practice: with the same setting on every instance,
 * the first one to reach the point dies and the one that takes over its practice goes past it.
 */
export function guastoDaImpostazione(valore: string | undefined): Guasto | undefined {
  if (!valore) return undefined;
  const [passo, punto] = valore.split(':');
  return (p, c, ripresa) => {
    if (p === passo && c === punto && !ripresa) process.kill(process.pid, 'SIGKILL');
  };
}
