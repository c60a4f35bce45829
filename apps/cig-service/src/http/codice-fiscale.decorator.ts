import { ValidateBy, type ValidationOptions } from 'class-validator';
import { difettoCodiceFiscale, erroreAnacCodiceFiscale } from '#domain';
import { italiano } from '#platform';

/** Which tax codes a field takes: 11 digits (SA, company), 16 characters (person), or either. */
export type TipoCodiceFiscale = 'NUMERICO' | 'PERSONA' | 'QUALSIASI';

const FORMA: Record<TipoCodiceFiscale, { test: (v: string) => boolean; messaggio: string }> = {
  NUMERICO: { test: (v) => /^\d+$/.test(v), messaggio: 'deve essere di 11 cifre' },
  PERSONA: { test: (v) => !/^\d+$/.test(v), messaggio: 'codice fiscale di persona fisica: 16 caratteri maiuscoli' },
  QUALSIASI: { test: () => true, messaggio: '' },
};

function difetto(valore: unknown, tipo: TipoCodiceFiscale): string | undefined {
  if (typeof valore !== 'string') return 'codice fiscale: deve essere un testo';
  if (!FORMA[tipo].test(valore)) return FORMA[tipo].messaggio;
  const motivo = difettoCodiceFiscale(valore);
  if (motivo === undefined) return undefined;
  if (motivo.startsWith('deve')) return motivo;
  const anac = erroreAnacCodiceFiscale(valore);
  return `codice fiscale non valido (ANAC ${anac.codice}: ${anac.descrizione}): ${motivo}`;
}

/**
 * The DTO side of the one codice fiscale check (`#domain` `difettoCodiceFiscale`): form, check
 * digit of 11-digit codes, check character (omocodia allowed) of a person's 16 characters.
 */
export function IsCodiceFiscale(tipo: TipoCodiceFiscale = 'QUALSIASI', options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCodiceFiscale',
      validator: {
        validate: (valore: unknown) => difetto(valore, tipo) === undefined,
        defaultMessage: (args) => italiano(difetto(args?.value, tipo) ?? 'codice fiscale non valido'),
      },
    },
    options,
  );
}
