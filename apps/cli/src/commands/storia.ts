import { validaCig } from '#anac';
import { LettoreParametri, ParametroNonValido, storiaCig, type BaseTemporale, type StoriaCig } from '#read-models';
import { conContesto, type Ambiente } from './contesto-cli.js';
import { leggiOpzioni } from './opzioni.js';
import type { CommandIo } from './valida-cig.js';

const USO = 'uso: cli storia <cig> [--al <data o istante>] [--base effettiva|registrazione] [--json]';

/**
 * `storia <cig> [--al <data>]`: the CIG's events and its state at that date, folded from the
 * event store (not from a read model). A day means the end of that Italian day. Exit code: 0 shown,
 * 1 no such CIG, 2 usage.
 */
export async function storiaCommand(args: string[], io: CommandIo, env: Ambiente = process.env): Promise<number> {
  const { opzioni, posizionali } = leggiOpzioni(args);
  const noti = ['al', 'base', 'json'];
  const ignote = [...opzioni.keys()].filter((k) => !noti.includes(k));
  if (posizionali.length !== 1 || ignote.length > 0) {
    io.err(ignote.length > 0 ? `opzioni sconosciute: ${ignote.map((o) => `--${o}`).join(', ')}` : USO);
    io.err(USO);
    return 2;
  }
  const codice = validaCig(posizionali[0]);
  if (!codice.valido) {
    io.err(`codice CIG non valido: ${codice.motivo}`);
    return 2;
  }
  let asOf: Date | undefined;
  let base: BaseTemporale;
  try {
    const p = new LettoreParametri(Object.fromEntries([...opzioni].filter(([k]) => k === 'al' || k === 'base')), ['al', 'base'], 'storia');
    asOf = p.istanteOFineGiorno('al');
    base = p.scelta<BaseTemporale>('base', ['effettiva', 'registrazione']) ?? 'effettiva';
    p.verifica();
  } catch (error) {
    io.err(error instanceof ParametroNonValido ? error.message : String(error));
    return 2;
  }
  return conContesto(env, io, async ({ store }) => {
    const storia = await storiaCig(store, codice.codice, { asOf, base });
    if (!storia) {
      io.err(`CIG ${codice.codice} non trovato`);
      return 1;
    }
    if (opzioni.has('json')) io.out(JSON.stringify(storia, null, 2));
    else stampa(storia, io);
    return 0;
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
