import { Query } from '@nestjs/cqrs';
import type { StatoAudit as Stato } from '#read-models';

/** The audit trail's state for its officers: records, latest signed head and checkpoint, latest verification. */
export class StatoAudit extends Query<Stato> {}
