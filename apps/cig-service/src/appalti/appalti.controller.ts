import { Body, Controller, Delete, HttpCode, Param, Post, Put, Patch, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../infrastructure/aggregate-store.js';
import { Comando } from '../http/request-context.js';
import { AttoreCorrente, Permesso } from '../security/auth.guard.js';
import { AppaltiService } from './appalti.service.js';
import { Titolari } from '../anagrafica/titolari.js';
import {
  CancellaAppaltoDto, ClassificazioneDto, CollegaProceduraDto, CreaAppaltoDto, LottoDto, ModificaAppaltoDto, ModificaAvvisoDto,
} from './appalto.dto.js';

const UUID = new UuidPipe();

/** The CIG request of manuale START Richiedi CIG on PCP: draft, edit, verify, send, publish, copy, cancel. */
@ApiTags('appalti')
@ApiBearerAuth()
@Controller('appalti')
export class AppaltiController {
  constructor(
    private readonly appalti: AppaltiService,
    private readonly titolari: Titolari,
  ) {}

  @Post()
  @Permesso('appalto.crea')
  @ApiOperation({ summary: 'Crea una richiesta di CIG in bozza (CdC, RUP, dati di gara)' })
  crea(@Body() body: CreaAppaltoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.appalti.crea(body, attore, meta);
  }

  @Patch(':id')
  @Permesso('appalto.modifica')
  @ApiOperation({ summary: 'Modifica dati di gara, RUP o centro di costo (solo in bozza o dopo un rifiuto di ANAC)' })
  modifica(@Param('id', UUID) id: string, @Body() body: ModificaAppaltoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.appalti.esegui(id, 'appalto.modifica', async (a) => ({
      type: 'ModificaAppalto',
      datiGara: { ...a.datiGara, ...body.datiGara },
      rup: body.rup ? await this.titolari.rup(body.rup) : a.rup,
      centroDiCosto: body.centroDiCosto ? await this.titolari.centroDiCosto(attore, body.centroDiCosto) : a.centroDiCosto,
    }), attore, meta);
  }

  @Post(':id/lotti')
  @Permesso('appalto.modifica')
  @ApiOperation({ summary: 'Aggiunge un lotto (un CIG per lotto)' })
  aggiungiLotto(@Param('id', UUID) id: string, @Body() body: LottoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.appalti.aggiungiLotto(id, body, attore, meta);
  }

  @Put(':id/lotti/:lotIdentifier')
  @Permesso('appalto.modifica')
  @ApiOperation({ summary: 'Sostituisce i dati di un lotto' })
  modificaLotto(@Param('id', UUID) id: string, @Param('lotIdentifier') lotIdentifier: string, @Body() body: LottoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.appalti.esegui(id, 'appalto.modifica', () => ({ type: 'ModificaLotto', lotIdentifier, dati: body }), attore, meta);
  }

  @Delete(':id/lotti/:lotIdentifier')
  @Permesso('appalto.modifica')
  @ApiOperation({ summary: 'Rimuove un lotto' })
  rimuoviLotto(@Param('id', UUID) id: string, @Param('lotIdentifier') lotIdentifier: string, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.appalti.esegui(id, 'appalto.modifica', () => ({ type: 'RimuoviLotto', lotIdentifier }), attore, meta);
  }

  @Put(':id/classificazione')
  @Permesso('appalto.modifica')
  @ApiOperation({ summary: 'Imposta le categorie CPV (almeno una principale di terzo livello)' })
  classificazione(@Param('id', UUID) id: string, @Body() body: ClassificazioneDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.appalti.esegui(id, 'appalto.modifica', () => ({ type: 'ImpostaClassificazione', cpv: body.cpv }), attore, meta);
  }

  @Post(':id/procedura')
  @Permesso('appalto.modifica')
  @ApiOperation({ summary: 'Collega la richiesta alla procedura della piattaforma (flusso "CIG prima")' })
  collega(@Param('id', UUID) id: string, @Body() body: CollegaProceduraDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.appalti.esegui(id, 'appalto.modifica', () => ({ type: 'CollegaProcedura', idProcedura: body.idProcedura }), attore, meta, { sicuro: true });
  }

  @Post(':id/verifica')
  @Permesso('appalto.verifica')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verifica i dati: i problemi raggruppati per sezione, un messaggio per campo' })
  async verifica(@Param('id', UUID) id: string, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    const esito = await this.appalti.esegui(id, 'appalto.verifica', () => ({ type: 'VerificaAppalto' }), attore, meta, { sicuro: true });
    const appalto = await this.appalti.carica(id, attore, 'appalto.verifica');
    const problemi = appalto.verifica?.problemi ?? [];
    const sezioni: Record<string, Array<{ campo: string; messaggio: string; codice: string }>> = {};
    for (const p of problemi) (sezioni[p.sezione] ??= []).push({ campo: p.campo, messaggio: p.messaggio, codice: p.codice });
    return { ...esito, esito: appalto.verifica?.esito ?? 'KO', sezioni, problemi };
  }

  @Post(':id/conferma')
  @Permesso('appalto.invia')
  @HttpCode(202)
  @ApiOperation({ summary: 'Invia la richiesta ad ANAC (asincrono): crea, conferma, esito, recupero CIG' })
  conferma(@Param('id', UUID) id: string, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.appalti.esegui(id, 'appalto.invia', () => ({ type: 'InviaAppalto', richiestaId: meta.causationId }), attore, meta, { sicuro: true });
  }

  @Post(':id/pubblica')
  @Permesso('appalto.pubblica')
  @HttpCode(202)
  @ApiOperation({ summary: "Chiede la pubblicazione dell'avviso (procedure aperte, ristrette, negoziate)" })
  pubblica(@Param('id', UUID) id: string, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.appalti.esegui(id, 'appalto.pubblica', () => ({ type: 'RichiediPubblicazione', richiestaId: meta.causationId }), attore, meta, { sicuro: true });
  }

  @Post(':id/avviso/modifica')
  @Permesso('appalto.pubblica')
  @HttpCode(202)
  @ApiOperation({ summary: "Sostituisce l'avviso non ancora pubblicato: ANAC rigenera il CIG di ogni lotto" })
  modificaAvviso(@Param('id', UUID) id: string, @Body() body: ModificaAvvisoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.appalti.esegui(id, 'appalto.pubblica', (a) => ({
      type: 'RichiediModificaAvviso',
      richiestaId: meta.causationId,
      ...(body.datiGara ? { datiGara: { ...a.datiGara, ...body.datiGara } } : {}),
    }), attore, meta);
  }

  @Post(':id/copia')
  @Permesso('appalto.copia')
  @ApiOperation({ summary: 'Copia la richiesta in una nuova bozza (manuale START Richiedi CIG)' })
  copia(@Param('id', UUID) id: string, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.appalti.copia(id, attore, meta);
  }

  @Delete(':id')
  @Permesso('appalto.cancella')
  @ApiOperation({ summary: "Cancella la richiesta (in bozza subito; se già in ANAC, tramite cancella-appalto); con la conferma ancora presso ANAC la ritira: 202, \"ritiro richiesto\" finché ANAC lo consente" })
  async cancella(@Param('id', UUID) id: string, @Body() body: CancellaAppaltoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta, @Res({ passthrough: true }) res: Response) {
    const esito = await this.appalti.esegui(id, 'appalto.cancella', () => ({
      type: 'CancellaAppalto', motivo: body.motivo, richiestaId: meta.causationId, richiestoDa: { userId: attore.userId, nome: attore.nome, codiceFiscale: attore.codiceFiscale },
    }), attore, meta);
    res.status(esito.stato === 'CANC' ? 200 : 202);
    return esito;
  }
}
