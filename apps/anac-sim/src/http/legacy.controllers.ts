import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { PipelineLegacy } from '../legacy/pipeline-legacy.js';
import { PIPELINE_LEGACY } from './tokens.js';

/** SIMOG (avviso AVCP-SIMOG 2011): `/SIMOG/v1/<operation>`, JSON POSTs (README "SIMOG e SmartCIG"). */
@Controller('SIMOG/v1')
export class SimogController {
  constructor(@Inject(PIPELINE_LEGACY) private readonly p: PipelineLegacy) {}

  @Post('crea-gara') creaGara(@Req() q: Request, @Res() r: Response) { return this.p.run(q, r, 'crea-gara'); }
  @Post('crea-lotto') creaLotto(@Req() q: Request, @Res() r: Response) { return this.p.run(q, r, 'crea-lotto'); }
  @Post('perfeziona-cig') perfeziona(@Req() q: Request, @Res() r: Response) { return this.p.run(q, r, 'perfeziona-cig'); }
  @Post('cancella-cig') cancellaCig(@Req() q: Request, @Res() r: Response) { return this.p.run(q, r, 'cancella-cig'); }
  @Post('cancella-gara') cancellaGara(@Req() q: Request, @Res() r: Response) { return this.p.run(q, r, 'cancella-gara'); }
  @Post('richiedi-annullamento') annullamento(@Req() q: Request, @Res() r: Response) { return this.p.run(q, r, 'richiedi-annullamento'); }
}

/** SmartCIG (nota SMART CIG 2011): `/SmartCIG/v1/<operation>`. */
@Controller('SmartCIG/v1')
export class SmartCigController {
  constructor(@Inject(PIPELINE_LEGACY) private readonly p: PipelineLegacy) {}

  @Post('richiedi-smartcig') richiedi(@Req() q: Request, @Res() r: Response) { return this.p.run(q, r, 'richiedi-smartcig'); }
  @Post('modifica-smartcig') modifica(@Req() q: Request, @Res() r: Response) { return this.p.run(q, r, 'modifica-smartcig'); }
  @Post('annulla-smartcig') annulla(@Req() q: Request, @Res() r: Response) { return this.p.run(q, r, 'annulla-smartcig'); }
  @Post('richiedi-carnet') carnet(@Req() q: Request, @Res() r: Response) { return this.p.run(q, r, 'richiedi-carnet'); }
  @Post('comunica-cig-carnet') comunica(@Req() q: Request, @Res() r: Response) { return this.p.run(q, r, 'comunica-cig-carnet'); }
  @Post('annulla-cig-carnet') annullaCodice(@Req() q: Request, @Res() r: Response) { return this.p.run(q, r, 'annulla-cig-carnet'); }
}
