import type { Decider } from '../shared/decider.js';
import type { AppaltoCommand, AppaltoContext } from './commands.js';
import { decide } from './decide.js';
import type { AppaltoEvent } from './events.js';
import { evolve, initialState, type AppaltoState } from './state.js';

/** The Appalto aggregate (`appalto-<uuid>`, DESIGN §3) as a pure decider. */
export const appaltoDecider: Decider<AppaltoCommand, AppaltoEvent, AppaltoState, AppaltoContext> = { initialState, evolve, decide };
