/**
 * The events an integrating app can subscribe to, by their stored names (never renamed: DESIGN §3).
 * What an app may know as "CIG assigned", "appalto refused by ANAC", "carnet expired" maps to them:
 * see the table in the README (section Webhook).
 */
export const EVENTI_WEBHOOK = [
  // appalto (PCP), stream appalto-<id>
  'AppaltoCreato',
  'AppaltoCopiato',
  'AppaltoInviato',
  'CigRichiesto',
  'AppaltoConfermato',
  'AppaltoRespinto',
  'AppaltoInAttesaPubblicazione',
  'AppaltoPubblicato',
  'AvvisoModificato',
  'RitiroRichiesto',
  'AppaltoCancellato',
  'AppaltoEliminatoDaAnac',
  // ANAC practice of an appalto, stream pratica-anac-<id>: a wait past ANAC_ATTESA_ALLARME
  'SogliaAttesaAnacSuperata',
  // CIG of every regime, stream cig-<code>
  'CigAssegnato',
  'CigPerfezionato',
  'CigUtilizzato',
  'CigSostituito',
  'CigCancellato',
  'AnnullamentoRichiesto',
  'CigAnnullato',
  'AnnullamentoRespinto',
  'CigScaduto',
  'CigComunicato',
  // carnet SmartCIG, stream carnet-<numero>
  'CarnetRichiesto',
  'CarnetRilasciato',
  'CigDelCarnetComunicato',
  'CigDelCarnetAnnullato',
  'CarnetScaduto',
  'RendicontazioneScaduta',
] as const;

export type EventoWebhook = (typeof EVENTI_WEBHOOK)[number];

export const PREFISSI_WEBHOOK = ['appalto-', 'cig-', 'carnet-', 'pratica-anac-'] as const;

export const isEventoWebhook = (tipo: string): tipo is EventoWebhook => (EVENTI_WEBHOOK as readonly string[]).includes(tipo);

/** Office and ordering key of a stream: events of one appalto (and of its CIGs) are delivered in log order. */
export interface Instradamento {
  readonly ufficio: string | null;
  /** `appalto-<id>` for an appalto and its CIGs, otherwise the stream itself (a carnet, a CIG without appalto). */
  readonly chiave: string;
}

/**
 * What an event says about the office and key of its stream, when it says it (the first event of
 * each stream does): an appalto's creation, a CIG's assignment, a carnet's request or release.
 * `appalto` looks up what an earlier event said of another stream (the appalto of a CIG).
 */
export function instradamentoDichiarato(
  evento: { readonly streamId: string; readonly type: string; readonly data: unknown },
  appalto: (flusso: string) => Instradamento | undefined,
): Instradamento | undefined {
  const d = evento.data as Record<string, any>;
  switch (evento.type) {
    case 'AppaltoCreato':
    case 'AppaltoCopiato':
      return { ufficio: typeof d.ufficio === 'string' ? d.ufficio : null, chiave: evento.streamId };
    case 'CigAssegnato':
    case 'CigImportato': {
      const flussoAppalto = typeof d.appaltoId === 'string' ? `appalto-${d.appaltoId}` : undefined;
      const noto = flussoAppalto ? appalto(flussoAppalto) : undefined;
      const ufficio = typeof d.richiesta?.ufficio === 'string' ? (d.richiesta.ufficio as string) : (noto?.ufficio ?? null);
      return { ufficio, chiave: noto ? noto.chiave : (flussoAppalto ?? evento.streamId) };
    }
    case 'SogliaAttesaAnacSuperata': {
      // The practice of an appalto: its office and queue are the appalto's.
      const flussoAppalto = typeof d.appaltoId === 'string' ? `appalto-${d.appaltoId}` : evento.streamId;
      return appalto(flussoAppalto) ?? { ufficio: null, chiave: flussoAppalto };
    }
    case 'CarnetRichiesto':
      return { ufficio: typeof d.ufficio === 'string' ? d.ufficio : null, chiave: evento.streamId };
    case 'CarnetRilasciato':
      return { ufficio: typeof d.titolare?.ufficio === 'string' ? d.titolare.ufficio : null, chiave: evento.streamId };
    default:
      return undefined;
  }
}

/** The JSON an app receives: the event with its id (for de-duplication), position, office and appalto. */
export interface CorpoWebhook {
  readonly id: string;
  readonly tipo: string;
  readonly posizione: string;
  readonly flusso: string;
  readonly revisione: number;
  readonly appaltoId: string | null;
  readonly ufficio: string | null;
  readonly registratoIl: string;
  readonly effettivoIl: string | null;
  readonly dati: unknown;
}

export function corpoWebhook(
  evento: { readonly id: string; readonly type: string; readonly position: string; readonly streamId: string; readonly revision: bigint; readonly created: Date; readonly data: unknown; readonly metadata: { readonly effectiveAt?: string } },
  instradamento: Instradamento,
): CorpoWebhook {
  return {
    id: evento.id,
    tipo: evento.type,
    posizione: evento.position,
    flusso: evento.streamId,
    revisione: Number(evento.revision),
    appaltoId: instradamento.chiave.startsWith('appalto-') ? instradamento.chiave.slice('appalto-'.length) : null,
    ufficio: instradamento.ufficio,
    registratoIl: evento.created.toISOString(),
    effettivoIl: evento.metadata.effectiveAt ?? null,
    dati: evento.data,
  };
}
