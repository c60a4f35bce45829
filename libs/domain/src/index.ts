export * from './shared/domain-error.js';
export * from './shared/decider.js';
export * from './shared/importo.js';
export * from './appalto/types.js';
export * from './appalto/events.js';
export * from './appalto/commands.js';
export * from './cig/events.js';
