import { Query } from '@nestjs/cqrs';
import type { documentoConsistenza, documentoInclusione } from '#read-models';

/** A consistency proof (RFC 9162 §2.1.4) from the tree of `da` records to the signed head of size `a` (`GET /audit/consistenza`). */
export class ProvaConsistenza extends Query<Awaited<ReturnType<typeof documentoConsistenza>>> {
  constructor(readonly parametri: Readonly<Record<string, unknown>>) {
    super();
  }
}

/** Inclusion proofs (RFC 9162 §2.1.3) of records, or of every event of a CIG, in a signed head (`GET /audit/inclusione`). */
export class ProvaInclusione extends Query<Awaited<ReturnType<typeof documentoInclusione>>> {
  constructor(readonly parametri: Readonly<Record<string, unknown>>) {
    super();
  }
}
