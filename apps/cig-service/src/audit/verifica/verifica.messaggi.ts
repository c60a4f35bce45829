import { Command, Query } from '@nestjs/cqrs';
import type { VerificaAudit } from '../verifica-audit.js';

/**
 * Starts a verification of the trail, or joins the running one, and waits for it at most `attesa`
 * seconds (`GET /audit/verifica`); `avviataDa` (a userId) is recorded when a new one starts.
 */
export class AvviaVerifica extends Command<VerificaAudit> {
  constructor(
    readonly parametri: Readonly<Record<string, unknown>>,
    readonly avviataDa: string,
  ) {
    super();
  }
}

/** A verification started before, by id, as every instance reads it (`GET /audit/verifica/:id`). */
export class VerificaAvviata extends Query<VerificaAudit> {
  constructor(readonly id: string) {
    super();
  }
}
