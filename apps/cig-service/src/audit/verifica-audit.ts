import type { EsitoVerifica } from '#read-models';

/** One verification of the audit trail, as every instance reads it from `audit_verifiche`. */
export interface VerificaAudit {
  readonly id: string;
  readonly avviataIl: string;
  readonly stato: 'IN_CORSO' | 'CONCLUSA' | 'FALLITA';
  readonly recordControllati: number;
  readonly recordTotali: number;
  readonly conclusaIl?: string;
  readonly esito?: EsitoVerifica & { readonly chiave: string };
  readonly errore?: string;
}
