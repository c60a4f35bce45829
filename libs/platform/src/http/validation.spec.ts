import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import type { ArgumentMetadata } from '@nestjs/common';
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

class MotivoDto {
  @IsString() @MinLength(1) @MaxLength(200)
  motivo: string;

  @IsOptional() @IsArray() @ArrayMaxSize(3) @IsString({ each: true }) @MaxLength(5, { each: true })
  codici?: string[];

  @IsOptional() @IsIn(['A', 'B'])
  tipo?: string;

  @IsOptional() @Matches(/^\d+$/)
  numero?: string;
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

  const validaMotivo = (body: unknown, metadata: Partial<ArgumentMetadata> = {}) =>
    createValidationPipe()
      .transform(body, { type: 'body', metatype: MotivoDto, ...metadata } as ArgumentMetadata)
      .then(
        () => undefined,
        (error: ProblemException) => error.problem.errors,
      );

  it('a missing or null field is "obbligatorio", whatever decorator comes last', async () => {
    expect(await validaMotivo({})).toEqual([{ campo: 'motivo', messaggio: 'obbligatorio', codice: 'isDefined' }]);
    expect(await validaMotivo({ motivo: null })).toEqual([{ campo: 'motivo', messaggio: 'obbligatorio', codice: 'isDefined' }]);
  });

  it('every class-validator message is Italian, with its arguments; the type comes before the length', async () => {
    expect(await validaMotivo({ motivo: 42 })).toEqual([{ campo: 'motivo', messaggio: 'deve essere un testo', codice: 'isString' }]);
    expect(await validaMotivo({ motivo: '' })).toEqual([{ campo: 'motivo', messaggio: 'obbligatorio: non può essere vuoto', codice: 'minLength' }]);
    expect(await validaMotivo({ motivo: 'x'.repeat(201) })).toEqual([{ campo: 'motivo', messaggio: 'al massimo 200 caratteri', codice: 'maxLength' }]);
    expect(await validaMotivo({ motivo: 'x', codici: ['abcdefg'] })).toEqual([{ campo: 'codici', messaggio: 'ogni elemento: al massimo 5 caratteri', codice: 'maxLength' }]);
    expect(await validaMotivo({ motivo: 'x', codici: ['a', 'b', 'c', 'd'] })).toEqual([{ campo: 'codici', messaggio: 'al massimo 3 elementi', codice: 'arrayMaxSize' }]);
    expect(await validaMotivo({ motivo: 'x', tipo: 'C' })).toEqual([{ campo: 'tipo', messaggio: 'valore non ammesso: A, B', codice: 'isIn' }]);
    expect(await validaMotivo({ motivo: 'x', numero: 'uno' })).toEqual([{ campo: 'numero', messaggio: 'formato non valido', codice: 'matches' }]);
  });

  it('refuses NUL, lone surrogates and numbers no field can hold, naming the field, in body, query and path', async () => {
    expect(await validaMotivo(JSON.parse('{"motivo":"a\\u0000b"}'))).toEqual([{ campo: 'motivo', messaggio: expect.stringMatching(/NUL/), codice: 'CARATTERE_NON_AMMESSO' }]);
    expect(await validaMotivo({ motivo: 'a\ud800' })).toEqual([{ campo: 'motivo', messaggio: expect.stringMatching(/surrogato/), codice: 'CARATTERE_NON_AMMESSO' }]);
    expect(await validaMotivo(JSON.parse('{"motivo":"x","n":1e400}'))).toEqual([{ campo: 'n', messaggio: expect.stringMatching(/intervallo/), codice: 'NUMERO_NON_AMMESSO' }]);
    expect(await validaMotivo({ oggetto: 'a\u0000' }, { type: 'query', metatype: Object })).toEqual([expect.objectContaining({ campo: 'query.oggetto' })]);
    expect(await validaMotivo('a\u0000', { type: 'param', data: 'id', metatype: String })).toEqual([expect.objectContaining({ campo: 'id' })]);
  });
});
