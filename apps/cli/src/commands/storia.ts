import type { BaseTemporale, StoriaCig } from '#read-models';
import { ESITO, type Ambiente, type CommandIo, type RegistraComando } from '../programma.js';
import { conContesto } from './contesto-cli.js';

export interface OpzioniStoria {
  readonly al?: string;
  readonly base?: string;
  readonly json?: boolean;
}

export const registraStoria: RegistraComando = (programma, c) => {
  programma
    .command('storia')
    .description('gli eventi di un CIG e il suo stato a una data, ricavati dagli eventi')
    .argument('<cig>', 'il codice CIG')
    .option('--al <data>', "una data (GG/MM/AAAA, AAAA-MM-GG: fine di quel giorno, ora italiana) o un istante ISO 8601")
    .option('--base <base>', 'effettiva (predefinita) o registrazione: quale data degli eventi conta')
    .option('--json', 'in JSON')
    .addHelpText('after', '\nCodici di uscita: 0 mostrata, 1 CIG non trovato, 2 uso errato o CIG non valido.')
    .action((cig: string, opzioni: OpzioniStoria) => c.esegui(() => storiaCommand(cig, opzioni, c.io, c.env)));
};

/**
 * `storia <cig> [--al <data>]`: the CIG's events and its state at that date, folded from the
 * event store (not from a read model). A day means the end of that Italian day. Exit code: 0 shown,
 * 1 no such CIG, 2 usage.
 */
export async function storiaCommand(cig: string, opzioni: OpzioniStoria, io: CommandIo, env: Ambiente = process.env): Promise<number> {
  const { validaCig } = await import('#anac');
  const { LettoreParametri, ParametroNonValido, storiaCig } = await import('#read-models');
  const codice = validaCig(cig);
  if (!codice.valido) {
    io.err(`codice CIG non valido: ${codice.motivo}`);
    return ESITO.USO;
  }
  let asOf: Date | undefined;
  let base: BaseTemporale;
  try {
    const parametri = Object.fromEntries(Object.entries({ al: opzioni.al, base: opzioni.base }).filter(([, v]) => v !== undefined));
    const p = new LettoreParametri(parametri, ['al', 'base'], 'storia');
    asOf = p.istanteOFineGiorno('al');
    base = p.scelta<BaseTemporale>('base', ['effettiva', 'registrazione']) ?? 'effettiva';
    p.verifica();
  } catch (error) {
    io.err(error instanceof ParametroNonValido ? error.message : String(error));
    return ESITO.USO;
  }
  return conContesto(env, io, async ({ store }) => {
    const storia = await storiaCig(store, codice.codice, { asOf, base });
    if (!storia) {
      io.err(`CIG ${codice.codice} non trovato`);
      return ESITO.FALLITO;
    }
    if (opzioni.json) io.out(JSON.stringify(storia, null, 2));
    else stampa(storia, io);
    return ESITO.OK;
  });
}

function stampa(s: StoriaCig, io: CommandIo): void {
  const quando = s.asOf ? `al ${ora(s.asOf)} (data ${s.base === 'effettiva' ? 'effettiva' : 'di registrazione'})` : 'oggi';
  io.out(`CIG ${s.cig} — stato ${quando}`);
  const cig = s.stato.cig as { stato?: string; utilizzo?: unknown } | null;
  io.out(`  CIG: ${cig ? `${cig.stato ?? '-'}${cig.utilizzo ? ', utilizzato' : ''}` : 'non ancora assegnato'}`);
  if (s.stato.appalto) io.out(`  richiesta ${s.appaltoId}: ${s.stato.appalto.statoRichiesta} (${s.stato.appalto.stato}) — ${s.stato.appalto.oggetto}`);
  if (s.stato.lotto) io.out(`  lotto ${s.stato.lotto.lotIdentifier}: ${s.stato.lotto.oggetto}, € ${s.stato.lotto.importo.replace('.', ',')}`);
  io.out(`Eventi (${s.eventi.length}${s.eventiSuccessivi ? `, e ${s.eventiSuccessivi} successivi` : ''}):`);
  for (const e of s.eventi) {
    const chi = e.attore ? `${e.attore}${e.ruolo ? ` [${e.ruolo}${e.ufficio ? `, ${e.ufficio}` : ''}]` : ''}` : '-';
    io.out(`  ${ora(e.effettivoIl)}  (reg. ${ora(e.registratoIl)})  ${e.flusso.padEnd(7)} ${e.tipo.padEnd(28)} ${chi}${e.motivazione ? ` — ${e.motivazione}` : ''}`);
  }
}

const FORMATO = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const ora = (iso: string) => FORMATO.format(new Date(iso)).replace(',', '');
