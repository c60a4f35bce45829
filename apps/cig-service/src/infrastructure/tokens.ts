/** Injection tokens of the service's infrastructure (interfaces have no runtime class). */
export const APP_CONFIG = Symbol('AppConfig');
export const PG_POOL = Symbol('PgPool');
export const EVENT_STORE = Symbol('EventStore');
export const RUNTIME = Symbol('Runtime');
/** ANAC's rules of the schede loaded at start (Runtime.regoleAnac). */
export const REGOLE_ANAC = Symbol('RegoleAnac');
/** Randomness (retry jitter): `() => number` in [0, 1). */
export const RANDOM = Symbol('Random');
