import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe, type Attore } from '#platform';
import type { CommandMeta } from '../infrastructure/aggregate-store.js';
import { Comando } from '../http/request-context.js';
import { AttoreCorrente, Permesso } from '../security/auth.guard.js';
import { AnnullamentoDto, CancellaCigDto, CancellaGaraDto, CreaGaraSimogDto, EsitoAnnullamentoDto, LottoSimogDto, PubblicazioneDto, RegistrazioneManualeDto } from './regimi.dto.js';
import { SimogService } from './simog.service.js';
import { TrasmissioniSimog } from '../anac-simog/trasmissioni-simog.js';

const UUID = new UuidPipe();

/** SIMOG gare and lots (avviso AVCP-SIMOG 2011): "creare la gara e successivamente inserire i lotti". */
@ApiTags('simog')
@ApiBearerAuth()
@Controller('simog')
export class SimogGareController {
  constructor(private readonly simog: SimogService, private readonly log: TrasmissioniSimog) {}

  @Post('gare')
  @Permesso('simog.gara.crea')
  @ApiOperation({ summary: 'Crea una gara SIMOG (fino al 31/12/2023): SIMOG assegna il numero gara' })
  crea(@Body() body: CreaGaraSimogDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.simog.creaGara(body, attore, meta);
  }

  @Post('gare/:id/lotti')
  @Permesso('simog.gara.modifica')
  @ApiOperation({ summary: 'Aggiunge un lotto: SIMOG rilascia il suo CIG, da perfezionare entro SIMOG_GIORNI_PERFEZIONAMENTO giorni' })
  lotto(@Param('id', UUID) id: string, @Body() body: LottoSimogDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.simog.aggiungiLotto(id, body, attore, meta);
  }

  @Delete('gare/:id')
  @Permesso('simog.gara.cancella')
  @ApiOperation({ summary: 'Cancella la gara: solo quando tutti i suoi lotti sono cancellati' })
  cancella(@Param('id', UUID) id: string, @Body() body: CancellaGaraDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.simog.cancellaGara(id, body?.motivo, attore, meta);
  }

  @Get('gare/:id')
  @Permesso('simog.gara.leggi')
  @ApiOperation({ summary: 'La gara, i lotti e lo stato dei loro CIG' })
  dettaglio(@Param('id', UUID) id: string, @AttoreCorrente() attore: Attore) {
    return this.simog.dettaglio(id, attore);
  }

  @Get('gare/:id/trasmissioni')
  @Permesso('simog.gara.leggi')
  @ApiOperation({ summary: 'LOG TRASMISSIONI della gara con SIMOG' })
  async trasmissioni(@Param('id', UUID) id: string, @AttoreCorrente() attore: Attore) {
    await this.simog.dettaglio(id, attore);
    return this.log.elenco(id);
  }

  @Get('cig/:cig')
  @Permesso('cig.leggi')
  @ApiOperation({ summary: 'Un CIG SIMOG, SmartCIG, registrato a mano o importato, dai suoi eventi' })
  cig(@Param('cig') cig: string, @AttoreCorrente() attore: Attore) {
    return this.simog.dettaglioCig(cig, attore);
  }
}

/** Operations on a SIMOG CIG (DESIGN §5): perfect, cancel, ask the annulment; register one by hand. */
@ApiTags('cig')
@ApiBearerAuth()
@Controller('cig')
export class CigSimogController {
  constructor(private readonly simog: SimogService) {}

  @Post('registrazione-manuale')
  @Permesso('cig.registra')
  @ApiOperation({ summary: 'Registra un CIG ottenuto su SIMOG ("inserire a mano il CIG", avviso AVCP-SIMOG 2011), verificato con l\'algoritmo ANAC' })
  registra(@Body() body: RegistrazioneManualeDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.simog.registraManuale(body, attore, meta);
  }

  @Post(':cig/perfeziona')
  @Permesso('cig.perfeziona')
  @HttpCode(200)
  @ApiOperation({ summary: 'Perfeziona un CIG SIMOG con i dati di pubblicazione (dal 2024 solo procedure pubblicate entro il 31/12/2023)' })
  perfeziona(@Param('cig') cig: string, @Body() body: PubblicazioneDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.simog.perfeziona(cig, body, attore, meta);
  }

  @Post(':cig/cancella')
  @Permesso('cig.cancella')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancella un CIG SIMOG non perfezionato: motivo 1 duplicato, 2 errore materiale, 3 decisione dell\'amministrazione, 4 altro con nota' })
  cancella(@Param('cig') cig: string, @Body() body: CancellaCigDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.simog.cancella(cig, body, attore, meta);
  }

  @Post(':cig/annullamento')
  @Permesso('cig.annullamento')
  @HttpCode(202)
  @ApiOperation({ summary: "Chiede all'Autorità l'annullamento di un CIG perfezionato (motivazione e documento di identità del RUP)" })
  annullamento(@Param('cig') cig: string, @Body() body: AnnullamentoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.simog.richiediAnnullamento(cig, body, attore, meta);
  }

  @Post(':cig/annullamento/esito')
  @Permesso('cig.annullamento.esito')
  @HttpCode(200)
  @ApiOperation({ summary: "Registra la risposta dell'Autorità alla richiesta di annullamento (amministratori)" })
  esito(@Param('cig') cig: string, @Body() body: EsitoAnnullamentoDto, @AttoreCorrente() attore: Attore, @Comando() meta: CommandMeta) {
    return this.simog.esitoAnnullamento(cig, body, attore, meta);
  }
}
