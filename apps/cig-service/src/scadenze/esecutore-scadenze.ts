import { isCigValido } from '#anac';
import { carnetDecider, cigDecider, DomainError } from '#domain';
import type { Clock, IdGenerator, Logger } from '#platform';
import type pg from 'pg';
import type { AggregateStore, CommandMeta } from '../infrastructure/aggregate-store.js';
import { ScadenzeStore, type Scadenza } from './scadenze.store.js';

const LEASE_MS = 60_000;

export interface DipendenzeScadenze {
  readonly pool: pg.Pool;
  readonly aggregates: AggregateStore;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly istanza: string;
  /** How long a claim lasts before another instance may take the deadline over (default 60 s). */
  readonly leaseMs?: number;
}

/**
 * Fires due deadlines: claims them with leases (several instances share the table), runs the
 * command on the aggregate with event ids derived from the deadline (`scadenza:<tipo>:<chiave>`),
 * and marks them done. Exactly once: the deciders answer "nothing to do" to a deadline already
 * applied, a concurrent append loses on the expected revision and is decided again, and a repeat
 * after a crash appends the same ids, which the store ignores.
 */
export class EsecutoreScadenze {
  private readonly store: ScadenzeStore;

  constructor(private readonly d: DipendenzeScadenze) {
    this.store = new ScadenzeStore(d.pool);
  }

  /** One pass: every deadline due now (business clock), at most `massimo`. Returns how many ran. */
  async ciclo(massimo = 50): Promise<number> {
    const dovute = await this.store.reclama(this.d.istanza, this.d.clock.now(), massimo, this.d.leaseMs ?? LEASE_MS);
    for (const s of dovute) await this.esegui(s);
    return dovute.length;
  }

  private async esegui(s: Scadenza): Promise<void> {
    const meta: CommandMeta = {
      attore: { sistema: 'scadenze' },
      correlationId: `scadenza:${s.tipo}:${s.chiave}`,
      causationId: `scadenza:${s.tipo}:${s.chiave}`,
      eventIdSeed: `scadenza:${s.tipo}:${s.chiave}`,
      // Effective when it fell due, also when fired late (the service was down); recordedAt stays now.
      effectiveAt: s.dovutaIl.toISOString(),
    };
    const base = { now: this.d.clock.now(), newId: () => this.d.ids.uuid() };
    try {
      if (s.tipo === 'CIG_PERFEZIONAMENTO') {
        await this.d.aggregates.execute(s.streamId, cigDecider, { type: 'ScadenzaCig', dovutaIl: s.dovutaIl.toISOString() }, { ...base, cigValido: isCigValido }, meta, { retryOnConflict: 5 });
      } else {
        const comando = s.tipo === 'CARNET_SCADENZA' ? ({ type: 'ScadenzaCarnet' } as const) : ({ type: 'ScadenzaRendicontazione' } as const);
        await this.d.aggregates.execute(s.streamId, carnetDecider, comando, { ...base, cigValido: isCigValido, responsabileNelCdc: () => true }, meta, { retryOnConflict: 5 });
      }
      await this.store.eseguita(s, this.d.istanza);
    } catch (error) {
      const messaggio = error instanceof Error ? error.message : String(error);
      const attesa = error instanceof DomainError && error.code === 'SCADENZA_NON_RAGGIUNTA' ? 1_000 : Math.min(60_000, 500 * 2 ** Math.min(s.tentativi, 7));
      this.d.logger.warn({ err: error, tipo: s.tipo, chiave: s.chiave }, 'deadline not fired; retrying');
      await this.store.rimanda(s, messaggio, attesa).catch(() => undefined);
    }
  }
}
