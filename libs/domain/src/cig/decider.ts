import type { Decider } from '../shared/decider.js';
import type { CigCommand, CigContext } from './commands.js';
import { decide } from './decide.js';
import type { CigEvent } from './events.js';
import { evolve, initialState, type CigState } from './state.js';

/** The Cig aggregate (`cig-<CODE>`, DESIGN §3) as a pure decider. */
export const cigDecider: Decider<CigCommand, CigEvent, CigState, CigContext> = { initialState, evolve, decide };
