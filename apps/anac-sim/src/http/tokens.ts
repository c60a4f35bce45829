/** Nest injection tokens of the simulator. */
export const PIPELINE = Symbol('Pipeline');
export const ADMIN = Symbol('SimulatorAdmin');
export const PIPELINE_LEGACY = Symbol('PipelineLegacy');
