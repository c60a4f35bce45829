import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { CLOCK, ID_GENERATOR, type Attore, type Clock, type IdGenerator } from '#platform';
import { nonTrovato } from '#domain';
import type { CheckpointStore, EventStore, Position, RecordedEvent } from '#event-store';
import { ParametroNonValido } from '#read-models';
import { AnagraficaService } from '../anagrafica/anagrafica.service.js';
import { CHECKPOINTS, EVENT_STORE, PG_POOL, WALL_CLOCK } from '../infrastructure/tokens.js';
import { CifraSegreti } from './cifra-segreti.js';
import { corpoWebhook, isEventoWebhook, PREFISSI_WEBHOOK } from './eventi-webhook.js';
import { NOME_OUTBOX, vuole } from './webhook.consumer.js';
import { pubblica, WebhookStore, type SottoscrizioneConSegreto, type StatoConsegna } from './webhook.store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGINA_RIPRODUZIONE = 1_000;

/** What an administrator gives to subscribe (validated by the route's DTO). */
export interface NuovaSottoscrizione {
  readonly url: string;
  readonly segreto: string;
  readonly eventi: string[];
  readonly ufficio?: string;
  readonly descrizione?: string;
}

/** Which deliveries of a subscription to list, newest first. */
export interface FiltroConsegne {
  readonly stato?: StatoConsegna;
  readonly primaDi?: number;
  readonly limite?: number;
}

const nonValido = (campo: string, messaggio: string, codice: string) =>
  new ParametroNonValido(codice, `${campo}: ${messaggio}`, [{ sezione: 'webhook', campo, messaggio, codice }]);

/** Subscriptions of integrating apps, their delivery log and replays (administrators). */
@Injectable()
export class WebhookService {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WALL_CLOCK) private readonly wallClock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(CHECKPOINTS) private readonly checkpoints: CheckpointStore,
    private readonly anagrafica: AnagraficaService,
    private readonly cifra: CifraSegreti,
  ) {}

  async crea(dto: NuovaSottoscrizione, attore: Attore) {
    if (dto.ufficio !== undefined && !(await this.anagrafica.stato()).uffici.has(dto.ufficio)) {
      throw nonValido('ufficio', 'ufficio sconosciuto in anagrafica', 'UFFICIO_SCONOSCIUTO');
    }
    const s: SottoscrizioneConSegreto = {
      id: this.ids.uuid(),
      url: dto.url,
      segreto: dto.segreto,
      eventi: dto.eventi,
      ufficio: dto.ufficio ?? null,
      descrizione: dto.descrizione ?? null,
      attiva: true,
      creataIl: this.clock.now().toISOString(),
      creataDa: attore.userId,
      eliminataIl: null,
    };
    await WebhookStore.crea(this.pool, { ...s, segreto: this.cifra.cifra(s.segreto) });
    return pubblica(s);
  }

  async elenco() {
    return (await WebhookStore.elenco(this.pool)).map(pubblica);
  }

  private async trova(id: string): Promise<SottoscrizioneConSegreto> {
    const s = UUID.test(id) ? await WebhookStore.trova(this.pool, id) : undefined;
    if (!s) throw nonTrovato('SOTTOSCRIZIONE_SCONOSCIUTA', `Sottoscrizione ${id} sconosciuta`);
    return s;
  }

  async elimina(id: string) {
    await this.trova(id);
    await WebhookStore.elimina(this.pool, id, this.clock.now());
    return pubblica(await this.trova(id));
  }

  async consegne(id: string, filtro: FiltroConsegne) {
    const s = await this.trova(id);
    const limite = filtro.limite ?? 100;
    const consegne = await WebhookStore.registro(this.pool, s.id, { stato: filtro.stato, primaDi: filtro.primaDi === undefined ? undefined : String(filtro.primaDi), limite });
    return { sottoscrizione: pubblica(s), consegne, primaDi: consegne.length === limite ? (consegne.at(-1)?.id ?? null) : null };
  }

  /**
   * Queues again, marked as redeliveries, the events after `dallaPosizione` that the subscription
   * wants, up to where the outbox has arrived (later ones the outbox queues itself).
   */
  async riproduci(id: string, dallaPosizione: string) {
    const s = await this.trova(id);
    if (!s.attiva) throw nonValido('id', 'la sottoscrizione è stata eliminata', 'SOTTOSCRIZIONE_ELIMINATA');
    const { eventStore, checkpoints, wallClock } = this;
    let dopo: Position | undefined = dallaPosizione === 'inizio' ? undefined : (dallaPosizione as Position);
    if (dopo !== undefined) {
      try {
        await eventStore.readAll({ fromPosition: dopo, maxCount: 1 });
      } catch {
        throw nonValido('dallaPosizione', 'posizione non valida: usa la `posizione` di un evento consegnato, o `inizio`', 'POSIZIONE_NON_VALIDA');
      }
    }
    const fino = await checkpoints.load(NOME_OUTBOX);
    let accodate = 0;
    let ultima: string | null = null;
    while (fino !== undefined) {
      const pagina: RecordedEvent[] = await eventStore.readAll({ fromPosition: dopo, maxCount: PAGINA_RIPRODUZIONE });
      const entro = pagina.filter((e) => eventStore.comparePositions(e.position, fino) <= 0);
      const volute = entro.filter((e) => isEventoWebhook(e.type) && PREFISSI_WEBHOOK.some((p) => e.streamId.startsWith(p)));
      const instradamenti = await WebhookStore.flussi(this.pool, [...new Set(volute.map((e) => e.streamId))]);
      const righe = volute.flatMap((e) => {
        const i = instradamenti.get(e.streamId) ?? { ufficio: null, chiave: e.streamId };
        return vuole(s, e.type, i) ? [{ sottoscrizioneId: s.id, corpo: corpoWebhook(e, i), chiave: i.chiave, ripetizione: true }] : [];
      });
      accodate += await WebhookStore.accoda(this.pool, righe, wallClock.now());
      if (righe.length > 0) ultima = righe.at(-1)!.corpo.posizione;
      if (entro.length < pagina.length || pagina.length < PAGINA_RIPRODUZIONE) break;
      dopo = pagina.at(-1)!.position;
    }
    return { sottoscrizione: s.id, dallaPosizione, accodate, finoAllaPosizione: ultima };
  }
}
