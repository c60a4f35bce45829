import type { OperazioneSimog } from '#anac';
import { OPERAZIONI, type OperazionePcp } from '../pcp/operazioni.js';

/**
 * SIMOG and SmartCIG operations (avviso AVCP-SIMOG 2011, nota SMART CIG 2011). ANAC's SOAP and web interfaces of those
 * services are not in the reference: paths and payloads are this project's (README "SIMOG e
 * SmartCIG"), shared with the client in libs/anac (`percorsoSimog`).
 */
export const OPERAZIONI_LEGACY: Readonly<Record<OperazioneSimog, 'SIMOG' | 'SMARTCIG'>> = {
  'crea-gara': 'SIMOG', 'crea-lotto': 'SIMOG', 'perfeziona-cig': 'SIMOG', 'cancella-cig': 'SIMOG', 'cancella-gara': 'SIMOG', 'richiedi-annullamento': 'SIMOG',
  'richiedi-smartcig': 'SMARTCIG', 'modifica-smartcig': 'SMARTCIG', 'annulla-smartcig': 'SMARTCIG', 'richiedi-carnet': 'SMARTCIG', 'comunica-cig-carnet': 'SMARTCIG', 'annulla-cig-carnet': 'SMARTCIG',
};

/** Every operation the simulator answers: fault injection and the calls log accept both kinds. */
export type OperazioneSimulata = OperazionePcp | OperazioneSimog;

export const isOperazioneSimulata = (v: unknown): v is OperazioneSimulata =>
  typeof v === 'string' && (Object.hasOwn(OPERAZIONI, v) || Object.hasOwn(OPERAZIONI_LEGACY, v));
