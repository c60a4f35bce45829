import { useEffect, useState } from 'react';
import { api, claimsDelToken, ErroreApi, sessioneSalvata, type Lotto, type ModificaAppalto } from '../api/client.js';

type Dati = Record<string, unknown>;

/** The Italian messages of a 400 problem, one per field ("importo: …"), or its detail. */
export function messaggiDi(e: unknown): string[] {
  if (e instanceof ErroreApi && e.problema.errors?.length) return e.problema.errors.map((x) => (x.campo ? `${x.campo}: ${x.messaggio ?? ''}` : x.messaggio ?? ''));
  return [(e as Error).message];
}

function Errori({ errori }: { errori: string[] }) {
  if (errori.length === 0) return null;
  return (
    <div className="alert alert-danger" role="alert">
      <ul className="mb-0">{errori.map((m) => <li key={m}>{m}</li>)}</ul>
    </div>
  );
}

/**
 * DATI DI GARA, RUP e centro di costo (manuale START Richiedi CIG): the "Centro di costo richiedente" among those
 * of the user's stazione appaltante, then "Trova e seleziona RUP" among the responsabili of that centro di costo.
 */
export function RupECentroDiCosto({ appalto, onSalva }: { appalto: Dati; onSalva: (dati: ModificaAppalto) => Promise<void> }) {
  const attuale = appalto.centroDiCosto as { codice: string; denominazione: string } | undefined;
  const rupAttuale = appalto.rup as { nome: string; codiceFiscale: string } | undefined;
  const [centri, setCentri] = useState<Array<{ codice: string; denominazione: string }>>([]);
  const [cdc, setCdc] = useState(attuale?.codice ?? '');
  const [q, setQ] = useState('');
  const [trovati, setTrovati] = useState<Array<{ nome: string; codiceFiscale: string }> | null>(null);
  const [rup, setRup] = useState(rupAttuale?.codiceFiscale ?? '');
  const [errori, setErrori] = useState<string[]>([]);
  useEffect(() => {
    // Only the user's own centri di costo (claim `cdc` of the token): the service refuses the others.
    const token = sessioneSalvata()?.token;
    const propri = token ? claimsDelToken(token).cdc : undefined;
    api.centriDiCosto().then(
      (tutti) => setCentri(Array.isArray(propri) ? tutti.filter((c) => propri.includes(c.codice)) : tutti),
      (e: unknown) => setErrori(messaggiDi(e)),
    );
  }, []);
  const modificabile = appalto.stato === 'BOZZA';
  return (
    <form
      aria-labelledby="titolo-rup-cdc"
      className="mb-4"
      onSubmit={(e) => {
        e.preventDefault();
        setErrori([]);
        onSalva({ centroDiCosto: cdc, rup }).catch((err: unknown) => setErrori(messaggiDi(err)));
      }}
    >
      <h2 id="titolo-rup-cdc" className="h5">RUP e centro di costo</h2>
      <p>
        Attuali: <span data-testid="cdc-attuale">{attuale ? `${attuale.codice} — ${attuale.denominazione}` : '—'}</span>; RUP{' '}
        <span data-testid="rup-attuale">{rupAttuale ? `${rupAttuale.nome} (${rupAttuale.codiceFiscale})` : '—'}</span>
      </p>
      <Errori errori={errori} />
      {modificabile && (
        <>
          <div className="select-wrapper mb-3">
            <label htmlFor="centro-di-costo">Centro di costo richiedente</label>
            <select id="centro-di-costo" value={cdc} onChange={(e) => { setCdc(e.target.value); setTrovati(null); setRup(''); }}>
              <option value="">Scegli…</option>
              {centri.map((c) => <option key={c.codice} value={c.codice}>{c.codice} — {c.denominazione}</option>)}
            </select>
          </div>
          <div className="d-flex gap-2 align-items-end mb-3">
            <div className="flex-grow-1">
              <label htmlFor="cerca-rup" className="form-label active">Nome o codice fiscale del RUP</label>
              <input id="cerca-rup" className="form-control" value={q} onChange={(e) => setQ(e.target.value)} />
            </div>
            <button
              type="button"
              className="btn btn-outline-primary"
              disabled={!cdc}
              onClick={() => void api.rup(cdc, q.trim() || undefined).then(setTrovati, (e: unknown) => setErrori(messaggiDi(e)))}
            >
              Trova e seleziona RUP
            </button>
          </div>
          {trovati && (
            <fieldset className="mb-3">
              <legend className="h6">RUP del centro di costo {cdc}</legend>
              {trovati.length === 0 && <p>Nessun responsabile trovato in questo centro di costo.</p>}
              {trovati.map((r) => (
                <div className="form-check" key={r.codiceFiscale}>
                  <input className="form-check-input" type="radio" name="rup" id={`rup-${r.codiceFiscale}`} value={r.codiceFiscale} checked={rup === r.codiceFiscale} onChange={() => setRup(r.codiceFiscale)} />
                  <label className="form-check-label" htmlFor={`rup-${r.codiceFiscale}`}>{r.nome} ({r.codiceFiscale})</label>
                </div>
              ))}
            </fieldset>
          )}
          <button type="submit" className="btn btn-primary" disabled={!cdc || !rup}>SALVA RUP E CENTRO DI COSTO</button>
        </>
      )}
    </form>
  );
}

const OGGETTI = ['FORNITURE', 'SERVIZI', 'LAVORI'] as const;
type CampiLotto = Record<'oggetto' | 'importo' | 'cpv' | 'luogoIstat' | 'durataGiorni' | 'aggiudicatarioCf' | 'aggiudicatario', string> & {
  oggettoContratto: Lotto['oggettoContratto'];
};
const VUOTO: CampiLotto = { oggetto: '', oggettoContratto: 'FORNITURE', importo: '', cpv: '', luogoIstat: '', durataGiorni: '', aggiudicatarioCf: '', aggiudicatario: '' };

function campiDi(l: Dati): CampiLotto {
  const p = ((l.aggiudicazione as { partecipanti?: Array<{ codiceFiscale: string; denominazione: string }> } | undefined)?.partecipanti ?? [])[0];
  return {
    oggetto: String(l.oggetto ?? ''),
    oggettoContratto: OGGETTI.find((o) => o === l.oggettoContratto) ?? 'FORNITURE',
    importo: String(l.importo ?? ''),
    cpv: String(l.cpv ?? ''),
    luogoIstat: String(l.luogoIstat ?? ''),
    durataGiorni: l.durataGiorni === undefined ? '' : String(l.durataGiorni),
    aggiudicatarioCf: p?.codiceFiscale ?? '',
    aggiudicatario: p?.denominazione ?? '',
  };
}

function corpoDi(c: CampiLotto, prima?: Dati): Lotto {
  const importo = c.importo.trim();
  const aggiudicazione = c.aggiudicatarioCf.trim()
    ? { ...((prima?.aggiudicazione as Dati | undefined) ?? {}), partecipanti: [{ codiceFiscale: c.aggiudicatarioCf.trim(), denominazione: c.aggiudicatario.trim(), importo }] }
    : undefined;
  return {
    oggetto: c.oggetto.trim(),
    oggettoContratto: c.oggettoContratto,
    importo,
    cpv: c.cpv.trim(),
    luogoIstat: c.luogoIstat.trim(),
    ...(c.durataGiorni.trim() ? { durataGiorni: Number(c.durataGiorni) } : {}),
    ...(prima?.importoSicurezza !== undefined ? { importoSicurezza: String(prima.importoSicurezza) } : {}),
    ...(aggiudicazione ? { aggiudicazione } : {}),
  };
}

/** ELENCO LOTTI: a lot's fields, to add a new lot or change one (the award of a direct award with its winner). */
export function ModuloLotto({ lotto, onSalva, onAnnulla }: { lotto?: Dati; onSalva: (corpo: Lotto) => Promise<void>; onAnnulla: () => void }) {
  const [c, setC] = useState<CampiLotto>(lotto ? campiDi(lotto) : VUOTO);
  const [errori, setErrori] = useState<string[]>([]);
  const id = (k: string) => `lotto-${k}`;
  const campo = (k: keyof CampiLotto, etichetta: string, extra: Record<string, string> = {}) => (
    <div className="col-md-6 mb-3" key={k}>
      <label htmlFor={id(k)} className="form-label active">{etichetta}</label>
      <input id={id(k)} className="form-control" value={c[k]} onChange={(e) => setC({ ...c, [k]: e.target.value })} {...extra} />
    </div>
  );
  const titolo = lotto ? `Modifica lotto ${String(lotto.lotIdentifier)}` : 'Nuovo lotto';
  return (
    <form
      aria-label={titolo}
      className="border p-3 mb-3"
      onSubmit={(e) => {
        e.preventDefault();
        setErrori([]);
        onSalva(corpoDi(c, lotto)).catch((err: unknown) => setErrori(messaggiDi(err)));
      }}
    >
      <h3 className="h6">{titolo}</h3>
      <Errori errori={errori} />
      <div className="row">
        {campo('oggetto', 'Oggetto del lotto')}
        <div className="col-md-6 mb-3">
          <div className="select-wrapper">
            <label htmlFor={id('oggettoContratto')}>Oggetto principale del contratto</label>
            <select id={id('oggettoContratto')} value={c.oggettoContratto} onChange={(e) => setC({ ...c, oggettoContratto: e.target.value as Lotto['oggettoContratto'] })}>
              {OGGETTI.map((o) => <option key={o} value={o}>{o}</option>)}
            </select>
          </div>
        </div>
        {campo('importo', 'Importo (euro, IVA esclusa)', { inputMode: 'decimal' })}
        {campo('cpv', 'CPV del lotto', { placeholder: 'NNNNNNNN-N' })}
        {campo('luogoIstat', 'Codice ISTAT del luogo di esecuzione', { inputMode: 'numeric' })}
        {campo('durataGiorni', 'Durata (giorni)', { inputMode: 'numeric' })}
        {campo('aggiudicatarioCf', 'Codice fiscale dell’aggiudicatario (affidamento diretto)')}
        {campo('aggiudicatario', 'Denominazione dell’aggiudicatario')}
      </div>
      <div className="d-flex gap-2">
        <button type="submit" className="btn btn-primary">{lotto ? 'SALVA LOTTO' : 'AGGIUNGI LOTTO'}</button>
        <button type="button" className="btn btn-outline-primary" onClick={onAnnulla}>ANNULLA</button>
      </div>
    </form>
  );
}

/**
 * CLASSIFICAZIONE: search in ANAC's CPV list (GET /tipologiche/cpv) by words of the description or
 * by the first digits; choosing a voice fills the CPV field with its eight digits and the dash, the
 * check digit is then added by the user (ANAC's list does not carry it).
 */
export function CercaCpv({ onScegli }: { onScegli: (codice: string) => void }) {
  const [q, setQ] = useState('');
  const [voci, setVoci] = useState<ReadonlyArray<{ codice: string; descrizione: string }> | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  useEffect(() => {
    if (q.trim().length < 2) {
      setVoci(null);
      return;
    }
    let valido = true;
    const t = setTimeout(() => {
      api.cercaCpv(q.trim()).then((v) => valido && setVoci(v), (e: Error) => valido && setErrore(e.message));
    }, 250);
    return () => {
      valido = false;
      clearTimeout(t);
    };
  }, [q]);
  return (
    <div className="mb-3">
      <label htmlFor="cerca-cpv" className="form-label active">Cerca nell&apos;elenco CPV di ANAC</label>
      <input id="cerca-cpv" className="form-control" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="es. servizi di stampa, 7980" aria-describedby="cerca-cpv-aiuto" />
      <small id="cerca-cpv-aiuto" className="form-text">Parole della descrizione o cifre iniziali del codice; scegliere una voce riporta il codice nel campo CPV.</small>
      {errore && <div className="alert alert-danger" role="alert">{errore}</div>}
      {voci && (
        <ul className="list-group mt-2" aria-label="Voci CPV trovate" data-testid="voci-cpv">
          {voci.length === 0 && <li className="list-group-item">Nessuna voce CPV trovata</li>}
          {voci.map((v) => (
            <li className="list-group-item" key={v.codice}>
              <button type="button" className="btn btn-link p-0 text-start" onClick={() => { onScegli(v.codice); setVoci(null); setQ(''); }}>
                {v.codice} — {v.descrizione}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
