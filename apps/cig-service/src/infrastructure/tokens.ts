/** Injection tokens of the service's infrastructure (interfaces have no runtime class). */
export const APP_CONFIG = Symbol('AppConfig');
export const PG_POOL = Symbol('PgPool');
export const EVENT_STORE = Symbol('EventStore');
export const RUNTIME = Symbol('Runtime');
