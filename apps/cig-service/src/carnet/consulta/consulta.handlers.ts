import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { nonTrovato, numeroCarnet } from '#domain';
import { CLOCK, type Clock } from '#platform';
import type pg from 'pg';
import { TrasmissioniSimog } from '../../anac-simog/trasmissioni-simog.js';
import { Allineamento } from '../../infrastructure/allineamento.js';
import { PG_POOL } from '../../infrastructure/tokens.js';
import { autorizzaSuUfficio, leggeTutto } from '../../security/authorization.js';
import { pdfCarnet } from '../carnet-pdf.js';
import { Carnets, ETICHETTA_CARNET, ETICHETTA_CIG } from '../carnets.js';
import { DettaglioCarnet, ElencoCarnet, PdfCarnet, TrasmissioniCarnet } from './consulta.queries.js';

/** The wait for `attendi` first (a position not given by a command is a 400), then the list. */
@QueryHandler(ElencoCarnet)
export class ElencoCarnetHandler implements IQueryHandler<ElencoCarnet> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool, private readonly allineamento: Allineamento) {}

  async execute({ attore, attendi }: ElencoCarnet) {
    const consistenza = await this.allineamento.attendi(attendi, ['carnet']);
    const tutti = leggeTutto(attore);
    const { rows } = await this.pool.query(
      `SELECT numero, data_creazione AS "dataCreazione", data_scadenza AS "dataScadenza", dimensione, stato, termine_rendicontazione AS "termineRendicontazione",
              rup_nome AS rup, cdc_denominazione AS "centroDiCosto", non_rendicontati AS "cigNonRendicontati", comunicati AS "cigComunicati", annullati AS "cigAnnullati"
         FROM rm_carnet ${tutti ? '' : 'WHERE ufficio = $1'} ORDER BY data_creazione DESC, numero DESC LIMIT 500`,
      tutti ? [] : [attore.ufficio],
    );
    return { righe: rows.map((r) => ({ ...r, descrizioneStato: ETICHETTA_CARNET[r.stato as string] })), consistenza };
  }
}

/** The wait for `attendi` first, then the carnet (404 when absent, 403 for another office) and its codes. */
@QueryHandler(DettaglioCarnet)
export class DettaglioCarnetHandler implements IQueryHandler<DettaglioCarnet> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool, private readonly allineamento: Allineamento) {}

  async execute({ numero: param, attore, attendi }: DettaglioCarnet) {
    const consistenza = await this.allineamento.attendi(attendi, ['carnet']);
    const numero = numeroCarnet(param) ?? param;
    const { rows } = await this.pool.query('SELECT * FROM rm_carnet WHERE numero = $1', [numero]);
    if (rows.length === 0) throw nonTrovato('CARNET_NON_TROVATO', `Carnet ${numero} non trovato`);
    const k = rows[0];
    autorizzaSuUfficio(attore, 'carnet.leggi', k.ufficio);
    const codici = await this.pool.query(
      `SELECT cig, COALESCE(oggetto, '-') AS oggetto, stato, importo::text AS importo, comunicato_il AS "comunicatoIl", tardiva FROM rm_carnet_cig WHERE numero = $1 ORDER BY ordine`,
      [numero],
    );
    const carnet = {
      numero: k.numero, dataCreazione: k.data_creazione, dataScadenza: k.data_scadenza, termineRendicontazione: k.termine_rendicontazione, dimensione: k.dimensione,
      stato: k.stato, descrizioneStato: ETICHETTA_CARNET[k.stato], rup: { nome: k.rup_nome, codiceFiscale: k.rup_cf },
      centroDiCosto: { codice: k.cdc_codice, denominazione: k.cdc_denominazione }, cigNonRendicontati: k.non_rendicontati, cigComunicati: k.comunicati, cigAnnullati: k.annullati,
      cig: codici.rows.map((c) => ({ ...c, descrizioneStato: ETICHETTA_CIG[c.stato as string] })),
    };
    return { carnet, consistenza };
  }
}

@QueryHandler(PdfCarnet)
export class PdfCarnetHandler implements IQueryHandler<PdfCarnet> {
  constructor(private readonly carnets: Carnets, @Inject(CLOCK) private readonly clock: Clock) {}

  async execute({ numero, attore }: PdfCarnet) {
    const { state: k } = await this.carnets.carica(numero, attore, 'carnet.leggi');
    return { nomeFile: `${k.numero.replace('/', '-')}.pdf`, pdf: await pdfCarnet(k, this.clock.now()) };
  }
}

@QueryHandler(TrasmissioniCarnet)
export class TrasmissioniCarnetHandler implements IQueryHandler<TrasmissioniCarnet> {
  constructor(private readonly carnets: Carnets, private readonly log: TrasmissioniSimog) {}

  async execute({ numero, attore }: TrasmissioniCarnet) {
    const { state: k } = await this.carnets.carica(numero, attore, 'carnet.leggi');
    return this.log.elenco(k.richiestaId);
  }
}
