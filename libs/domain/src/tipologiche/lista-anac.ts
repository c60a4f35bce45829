/**
 * ANAC's code lists (tipologiche) as data: the codes of each list joined by "|", and the dates of
 * the few codes valid only from or until a day ([dataInizio, dataFine], ISO days, null = open).
 */
export interface ListaAnac {
  readonly codici: string;
  readonly validita?: Readonly<Record<string, readonly [string | null, string | null]>>;
}
export type ListeAnac = Readonly<Record<string, ListaAnac>>;
