import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Pipeline } from './pipeline.js';
import { PIPELINE } from './tokens.js';

/**
 * ANAC's paths, one controller per e-service (base path `/<EService>/v2`, ANAC's interface specification).
 * Each handler only names its operation: the pipeline does the rest.
 */
@Controller('ComunicaAppalto/v2')
export class ComunicaAppaltoController {
  constructor(@Inject(PIPELINE) private readonly pipeline: Pipeline) {}

  @Post('crea-appalto') crea(@Req() req: Request, @Res() res: Response) { return this.pipeline.run(req, res, 'crea-appalto'); }
  @Post('modifica-appalto') modifica(@Req() req: Request, @Res() res: Response) { return this.pipeline.run(req, res, 'modifica-appalto'); }
  @Post('cancella-appalto') cancella(@Req() req: Request, @Res() res: Response) { return this.pipeline.run(req, res, 'cancella-appalto'); }
  @Post('verifica-appalto') verifica(@Req() req: Request, @Res() res: Response) { return this.pipeline.run(req, res, 'verifica-appalto'); }
  @Post('conferma-appalto') conferma(@Req() req: Request, @Res() res: Response) { return this.pipeline.run(req, res, 'conferma-appalto'); }
  @Get('consulta-appalto') consulta(@Req() req: Request, @Res() res: Response) { return this.pipeline.run(req, res, 'consulta-appalto'); }
  @Get('ricerca-appalto') ricerca(@Req() req: Request, @Res() res: Response) { return this.pipeline.run(req, res, 'ricerca-appalto'); }
  @Get('recupera-cig') recuperaCig(@Req() req: Request, @Res() res: Response) { return this.pipeline.run(req, res, 'recupera-cig'); }
}

@Controller('ServiziComuni/v2')
export class ServiziComuniController {
  constructor(@Inject(PIPELINE) private readonly pipeline: Pipeline) {}

  @Get('esito-operazione') esito(@Req() req: Request, @Res() res: Response) { return this.pipeline.run(req, res, 'esito-operazione'); }
  @Get('stato-appalto') stato(@Req() req: Request, @Res() res: Response) { return this.pipeline.run(req, res, 'stato-appalto'); }
  @Get('status') status(@Req() req: Request, @Res() res: Response) { return this.pipeline.run(req, res, 'status'); }
}

@Controller('PubblicaAvviso/v2')
export class PubblicaAvvisoController {
  constructor(@Inject(PIPELINE) private readonly pipeline: Pipeline) {}

  @Post('pubblica-avviso') pubblica(@Req() req: Request, @Res() res: Response) { return this.pipeline.run(req, res, 'pubblica-avviso'); }
  @Post('modifica-avviso') modifica(@Req() req: Request, @Res() res: Response) { return this.pipeline.run(req, res, 'modifica-avviso'); }
  @Get('stato-avviso') stato(@Req() req: Request, @Res() res: Response) { return this.pipeline.run(req, res, 'stato-avviso'); }
}
