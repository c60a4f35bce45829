import { appaltoDecider, DomainError, type AppaltoCommand, type AppaltoContext, type AppaltoEsistente } from '#domain';
import type { Attore } from '#platform';
import { autorizzaSuUfficio, OperazioneNonConsentita } from '../../security/authorization.js';
import type { Azione } from '../../security/policy.js';

/** Whether an action is open now, and if not the Italian reason (the message its command would get). */
export interface AzioneConsentita {
  readonly consentita: boolean;
  readonly perche?: string;
}

/** The actions on a request that the console offers on the procedure page. */
export interface AzioniConsentite {
  /** DELETE /appalti/:id while the conferma is at ANAC, or waiting to be sent: "ritiro richiesto". */
  readonly ritiro: AzioneConsentita;
  /** DELETE /appalti/:id otherwise: a draft at once, a request known to ANAC through cancella-appalto. */
  readonly cancellazione: AzioneConsentita;
  /** POST /appalti/:id/pubblica. */
  readonly pubblicazione: AzioneConsentita;
  /** POST /appalti/:id/avviso/modifica. */
  readonly modificaAvviso: AzioneConsentita;
}

/** Marks the trial commands: never stored, the decision is thrown away. */
const PROVA = 'azioni-consentite';

/**
 * What the caller may do now on `a`: each command is decided on the current state by the very rules that
 * run when it is sent (a dry run of the decider, nothing is written) after the policy's check of role and
 * office. So the console shows an action exactly when the service would accept it.
 */
export function azioniConsentite(a: AppaltoEsistente, attore: Attore, contesto: AppaltoContext): AzioniConsentite {
  const prova = (azione: Azione, comando: AppaltoCommand): AzioneConsentita & { eventi?: readonly { type: string }[] } => {
    try {
      autorizzaSuUfficio(attore, azione, a.ufficio);
      return { consentita: true, eventi: appaltoDecider.decide(comando, a, contesto) };
    } catch (e) {
      if (e instanceof DomainError || e instanceof OperazioneNonConsentita) return { consentita: false, perche: e.message };
      throw e;
    }
  };
  const solo = ({ consentita, perche }: AzioneConsentita): AzioneConsentita => (perche === undefined ? { consentita } : { consentita, perche });
  const richiestoDa = { userId: attore.userId, nome: attore.nome, codiceFiscale: attore.codiceFiscale };
  const cancella = prova('appalto.cancella', { type: 'CancellaAppalto', motivo: PROVA, richiestaId: PROVA, richiestoDa });
  const ritira = cancella.eventi?.some((e) => e.type === 'RitiroRichiesto') ?? false;
  return {
    ritiro: ritira ? { consentita: true } : { consentita: false, perche: cancella.perche ?? 'La richiesta non è in attesa di ANAC: si cancella' },
    cancellazione: cancella.consentita && !ritira ? { consentita: true } : { consentita: false, perche: cancella.perche ?? 'La conferma è presso ANAC: la richiesta si ritira' },
    pubblicazione: solo(prova('appalto.pubblica', { type: 'RichiediPubblicazione', richiestaId: PROVA })),
    modificaAvviso: solo(prova('appalto.pubblica', { type: 'RichiediModificaAvviso', richiestaId: PROVA })),
  };
}
