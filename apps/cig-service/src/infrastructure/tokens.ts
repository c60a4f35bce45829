/** Injection tokens of the service's infrastructure (interfaces have no runtime class). */
export const APP_CONFIG = Symbol('AppConfig');
export const PG_POOL = Symbol('PgPool');
export const EVENT_STORE = Symbol('EventStore');
/** The consumers' checkpoints (`CheckpointStore`). */
export const CHECKPOINTS = Symbol('Checkpoints');
/** Real time (`Clock`), where business time must not count: leases, caches, rate limits, tokens. */
export const WALL_CLOCK = Symbol('WallClock');
/** Randomness (`() => number`, retry jitter), injected so that tests are repeatable. */
export const RANDOM = Symbol('Random');
/** Who may call the service (`Identity`: token verifier, development keys). */
export const IDENTITY = Symbol('Identity');
/** ANAC's rules of the schede loaded at start (`StatoRegoleAnac`). */
export const REGOLE_ANAC = Symbol('RegoleAnac');
