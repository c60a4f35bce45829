// Public surface of the ANAC library, imported elsewhere as '#anac'.
export { validaCig, isCigValido, generaCig, controlloCig } from './cig/cig-code.js';
export type { FamigliaCig, EsitoValidazioneCig } from './cig/cig-code.js';
