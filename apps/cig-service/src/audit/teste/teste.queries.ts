import { Query } from '@nestjs/cqrs';
import type { TestaFirmata } from '#read-models';
import type { PubblicazioneTeste } from '../pubblicazione-teste.service.js';

/** A signed head of the trail's Merkle tree (the latest, or of `dimensione`) with the witnesses' countersignatures (`GET /audit/sth`). */
export class TestaDelRegistro extends Query<TestaFirmata & { formato: string; controfirme: Awaited<ReturnType<PubblicazioneTeste['controfirme']>> }> {
  constructor(readonly parametri: Readonly<Record<string, unknown>>) {
    super();
  }
}

/** The witnesses the heads are published to, and where each one is (`GET /audit/testimoni`). */
export class StatoTestimoni extends Query<{ testimoni: Awaited<ReturnType<PubblicazioneTeste['stato']>> }> {}
