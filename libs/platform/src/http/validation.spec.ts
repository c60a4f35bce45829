import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Min, ValidateNested } from 'class-validator';
import { ProblemException } from './problem.js';
import { createValidationPipe, italiano, Sezione } from './validation.js';

@Sezione('lotti')
class LottoDto {
  @IsString() @IsNotEmpty()
  oggetto: string;

  @IsInt() @Min(1, { message: italiano('deve essere almeno 1') })
  quantita: number;
}

class RichiestaDto {
  @Sezione('dati di gara') @IsString()
  oggetto: string;

  @ValidateNested({ each: true }) @Type(() => LottoDto)
  lotti: LottoDto[];
}

describe('validation pipe', () => {
  const validate = (body: unknown) =>
    createValidationPipe()
      .transform(body, { type: 'body', metatype: RichiestaDto })
      .then(
        () => undefined,
        (error: ProblemException) => error,
      );

  it('reports one Italian message per field, with its section and path', async () => {
    const error = await validate({ oggetto: 3, lotti: [{ oggetto: 'ok', quantita: 2 }, { oggetto: '', quantita: 0 }] });
    expect(error).toBeInstanceOf(ProblemException);
    expect(error!.problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(error!.problem.errors).toEqual([
      { sezione: 'dati di gara', campo: 'oggetto', messaggio: 'deve essere un testo', codice: 'isString' },
      { sezione: 'lotti', campo: 'lotti[1].oggetto', messaggio: 'obbligatorio', codice: 'isNotEmpty' },
      { sezione: 'lotti', campo: 'lotti[1].quantita', messaggio: 'deve essere almeno 1', codice: 'min' },
    ]);
  });

  it('refuses fields that are not part of the request', async () => {
    const error = await validate({ oggetto: 'x', lotti: [], attore: 'io' });
    expect(error!.problem.errors).toEqual([{ campo: 'attore', messaggio: 'campo non previsto', codice: 'whitelistValidation' }]);
  });

  it('accepts a valid body', async () => {
    expect(await validate({ oggetto: 'x', lotti: [{ oggetto: 'y', quantita: 1 }] })).toBeUndefined();
  });
});
