/**
 * `npm run bench:verifica`: ANAC's checks of a 10-lot P2_16 appalto, in process. Loads ANAC's DMN
 * tables from ANAC_REGOLE_DIR (a copy of `docs/modello-dati` of ANAC's repository anticorruzione/npa)
 * and times the load; then, for a 10-lot P2_16, the scheda CIG Ledger would send (`schedaPcp`)
 * evaluated against ANAC's P2_16 table and code lists (`problemiRegoleAnac`), as
 * `POST /appalti/:id/verifica` and the check before sending do. Prints a table, then one JSON line.
 *
 * The baseline, in the same run: the same scheda through feelin's interpreter
 * (`valutaTabellaInterpretata`, the engine before the entries were compiled to JavaScript).
 * Loads use the copy of the parsed tables kept by content (`caricaRegoleAnac`'s cache).
 *
 * Options: --seconds N (per run, default 3), --runs N (median of, default 3), --from-xml (loads
 * read the XML, no copy kept).
 */
import { caricaRegoleAnac, caricaRegoleSchede, problemiRegoleAnac, schedaPcp, valutaTabellaInterpretata, type AppaltoPerAnac } from '#anac';
import { esegui, machine, median, printJson, printTable } from './support.js';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1]]));
const SECONDS = Number(args.get('--seconds') ?? 3);
const RUNS = Number(args.get('--runs') ?? 3);
/** `--from-xml`: loads read the XML, not the copy of the parsed tables kept by content. */
const DALL_XML = process.argv.includes('--from-xml');
const OPZIONI = DALL_XML ? { cache: false as const } : {};

/** A 10-lot open procedure below the EU threshold: services of 10,000 EUR per lot. */
const appalto: AppaltoPerAnac = {
  codiceAppalto: 'BENCH-P216-000001',
  scheda: 'P2_16',
  tipoProcedura: 'APERTA',
  stazioneAppaltante: { codiceFiscale: '01386030488', codiceAusa: '0000246180', denominazione: 'Regione Toscana' },
  centroDiCosto: { codice: 'A1B2C3D4-0001-4C00-8000-000000246180', denominazione: 'Economato' },
  datiGara: { oggetto: 'Servizi di pulizia - 10 lotti', settore: 'ORDINARIO', oggettoPrincipale: 'SERVIZI' },
  classificazione: [{ codice: '90910000-9', principale: true }],
  lotti: Array.from({ length: 10 }, (_, i) => ({
    lotIdentifier: `LOT-${String(i + 1).padStart(4, '0')}`,
    oggetto: `Lotto ${i + 1} - pulizia sede ${i + 1}`,
    oggettoContratto: 'SERVIZI' as const,
    importo: '10000',
    cpv: '90910000-9',
    luogoIstat: '048017',
  })),
  terminiInvio: { scadenzaPresentazioneOfferte: '2036-12-15T12:00:00Z' },
  urlDocumenti: 'https://appalti.example.it/gara/BENCH-P216-000001',
};

async function main(): Promise<void> {
  const dir = process.env.ANAC_REGOLE_DIR;
  if (!dir) throw new Error("ANAC_REGOLE_DIR: the folder of ANAC's rules (docs/modello-dati of anticorruzione/npa) is required");
  const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  const inizio = process.hrtime.bigint();
  const cpuInizio = process.cpuUsage();
  const regole = await caricaRegoleSchede(dir, undefined, OPZIONI);
  const caricamentoMs = Number(process.hrtime.bigint() - inizio) / 1e6;
  const caricamentoCpuMs = cpuMs(process.cpuUsage(cpuInizio));
  const problemi = problemiRegoleAnac(regole, schedaPcp(appalto));
  if (problemi.length > 0) throw new Error(`the 10-lot P2_16 is not clean: ${JSON.stringify(problemi)}`);
  const interpretati = problemiRegoleAnac(regole, schedaPcp(appalto), valutaTabellaInterpretata);
  if (interpretati.length > 0) throw new Error(`the 10-lot P2_16 is not clean for feelin's interpreter: ${JSON.stringify(interpretati)}`);
  const c = regole.compilazione;
  process.stdout.write(
    `machine: ${machine()}\nrules: ${regole.numeroTabelle} tables, ${regole.numeroRegole} rules, ${c.entrate} input entries ` +
      `(${c.javascript} compiled to JavaScript, ${c.conPartiFeelin} with parts left to feelin, ${c.feelin} interpreted); ${RUNS} runs of ${SECONDS} s\n`,
  );

  // Per wall-clock second and per second of CPU this process used: on a machine shared with other
  // work the wall-clock rate measures the neighbours as much as the rules. The baseline, feelin's
  // interpreter on the same tables (the engine before compilation), runs back to back in each run.
  const misura = (valuta?: typeof valutaTabellaInterpretata): { perSecondo: number; perSecondoCpu: number } => {
    const fine = Date.now() + SECONDS * 1000;
    let n = 0;
    const t0 = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    while (Date.now() < fine) {
      problemiRegoleAnac(regole, schedaPcp(appalto), valuta);
      n++;
    }
    const cpu = process.cpuUsage(cpu0);
    return { perSecondo: n / (Number(process.hrtime.bigint() - t0) / 1e9), perSecondoCpu: n / ((cpu.user + cpu.system) / 1e6) };
  };
  const nostre: Array<{ perSecondo: number; perSecondoCpu: number }> = [];
  const base: Array<{ perSecondo: number; perSecondoCpu: number }> = [];
  for (let run = 0; run < RUNS; run++) {
    base.push(misura(valutaTabellaInterpretata));
    nostre.push(misura());
  }
  const perSecondo = median(nostre.map((m) => m.perSecondo));
  const perSecondoDiCpu = median(nostre.map((m) => m.perSecondoCpu));
  const basePerSecondo = median(base.map((m) => m.perSecondo));
  const basePerSecondoDiCpu = median(base.map((m) => m.perSecondoCpu));
  const rapporto = median(nostre.map((m, i) => m.perSecondoCpu / base[i].perSecondoCpu));
  const inizioTutte = process.hrtime.bigint();
  const cpuTutte = process.cpuUsage();
  const tutte = await caricaRegoleAnac(dir, undefined, undefined, OPZIONI);
  const caricamentoTutteMs = Number(process.hrtime.bigint() - inizioTutte) / 1e6;
  const caricamentoTutteCpuMs = cpuMs(process.cpuUsage(cpuTutte));
  printTable('bench:verifica', [
    { measure: 'load of the tables, first in the process (ms)', value: caricamentoMs, target: '≤ 2000' },
    { measure: 'load of the tables, first in the process (CPU ms)', value: caricamentoCpuMs, target: '≤ 2000' },
    { measure: `load of every table of the folder (${tutte.numeroTabelle} tables, ${tutte.numeroRegole} rules) (ms)`, value: caricamentoTutteMs, target: '≤ 2000' },
    { measure: 'load of every table of the folder (CPU ms)', value: caricamentoTutteCpuMs, target: '≤ 2000' },
    { measure: 'verifications/s, 10-lot P2_16', value: perSecondo, target: '≥ 500' },
    { measure: 'verifications per CPU second, 10-lot P2_16', value: perSecondoDiCpu, target: '≥ 500' },
    { measure: "baseline (feelin's interpreter): verifications/s", value: basePerSecondo, target: '—' },
    { measure: "baseline (feelin's interpreter): verifications per CPU second", value: basePerSecondoDiCpu, target: '—' },
    { measure: 'compiled / baseline, per CPU second (median of the runs)', value: rapporto, target: '—' },
  ]);
  printJson({
    caricamento_ms: caricamentoMs,
    caricamento_cpu_ms: caricamentoCpuMs,
    caricamento_tutte_ms: caricamentoTutteMs,
    caricamento_tutte_cpu_ms: caricamentoTutteCpuMs,
    copia_tabelle: DALL_XML ? 'no' : 'si',
    verifiche_per_s: perSecondo,
    verifiche_per_s_cpu: perSecondoDiCpu,
    base_verifiche_per_s: basePerSecondo,
    base_verifiche_per_s_cpu: basePerSecondoDiCpu,
    rapporto_cpu: rapporto,
    lotti: 10,
    tabelle: regole.numeroTabelle,
    regole: regole.numeroRegole,
    entrate: c.entrate,
    entrate_javascript: c.javascript,
    entrate_con_parti_feelin: c.conPartiFeelin,
    entrate_interpretate: c.feelin,
    tabelle_tutte: tutte.numeroTabelle,
  });
}

esegui('verifica', main);
