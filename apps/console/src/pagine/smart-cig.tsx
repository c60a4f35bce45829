import { useEffect, useState } from 'react';
import { api, ErroreApi, type CentroDiCosto, type DatiSmartCig, type Rup } from '../api/client.js';

const FATTISPECIE = [
  ['AFFIDAMENTO_SOTTO_SOGLIA', 'Affidamento sotto soglia'],
  ['CONTRATTO_ESCLUSO', 'Contratto escluso'],
  ['CONTRATTO_ART_16_17_18', 'Contratto artt. 16, 17, 18'],
  ['CONTRATTO_ART_149_218', 'Contratto artt. 149, 218'],
] as const;
const PROCEDURE = [
  ['AFFIDAMENTO_IN_ECONOMIA_COTTIMO_FIDUCIARIO', 'Affidamento in economia – cottimo fiduciario'],
  ['AFFIDAMENTO_DIRETTO', 'Affidamento diretto'],
  ['PROCEDURA_NEGOZIATA_SENZA_BANDO', 'Procedura negoziata senza bando'],
  ['ALTRA_PROCEDURA', 'Altra procedura'],
] as const;
const OGGETTI = [
  ['SERVIZI', 'Servizi'],
  ['FORNITURE', 'Forniture'],
  ['LAVORI', 'Lavori'],
] as const;

/** The form: the body's fields as chosen in the selects (their values are the contract's), CdC, RUP and CUP. */
type Campi = Pick<DatiSmartCig, 'oggetto' | 'importo' | 'fattispecie' | 'procedura' | 'oggettoPrincipale'> & { centroDiCosto: string; rup: string; cup: string };

/** "Richiesta SMART CIG" (nota SMART CIG 2011): the minimum data, CdC and RUP, "Conferma ed ottieni CIG". */
export default function SmartCig() {
  const [cdc, setCdc] = useState<CentroDiCosto[]>([]);
  const [rup, setRup] = useState<Rup[]>([]);
  const [dati, setDati] = useState<Campi>({ centroDiCosto: '', rup: '', oggetto: '', importo: '', fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA', procedura: 'AFFIDAMENTO_IN_ECONOMIA_COTTIMO_FIDUCIARIO', oggettoPrincipale: 'SERVIZI', cup: '' });
  const [ottenuto, setOttenuto] = useState<string | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  const [invio, setInvio] = useState(false);
  useEffect(() => {
    api.centriDiCosto().then(setCdc, (e: Error) => setErrore(e.message));
  }, []);
  useEffect(() => {
    setRup([]);
    if (dati.centroDiCosto) api.rup(dati.centroDiCosto).then(setRup, (e: Error) => setErrore(e.message));
  }, [dati.centroDiCosto]);
  const imposta = (campo: keyof typeof dati) => (e: { target: { value: string } }) => setDati({ ...dati, [campo]: e.target.value } as Campi);
  const conferma = async () => {
    setErrore(null);
    setOttenuto(null);
    setInvio(true);
    try {
      const { centroDiCosto, rup: cf, cup, ...resto } = dati;
      const r = await api.richiediSmartCig({ centroDiCosto, rup: cf, dati: { ...resto, ...(cup ? { cup } : {}) } });
      setOttenuto(typeof r.cig === 'string' ? r.cig : null);
    } catch (e) {
      // A refused field is named with the service's message (problem+json errors).
      const campi = e instanceof ErroreApi ? (e.problema.errors ?? []).map((x) => `${x.campo ?? ''}: ${x.messaggio ?? ''}`) : [];
      setErrore([(e as Error).message, ...campi].join(' — '));
    } finally {
      setInvio(false);
    }
  };
  return (
    <section aria-labelledby="titolo-smart-cig">
      <h1 id="titolo-smart-cig">Richiesta SMART CIG</h1>
      {errore && <div className="alert alert-danger" role="alert">{errore}</div>}
      {ottenuto && (
        <div className="alert alert-success" role="status">
          SMART CIG ottenuto: <strong data-testid="smart-cig-ottenuto">{ottenuto}</strong>
        </div>
      )}
      <form
        aria-labelledby="titolo-smart-cig"
        onSubmit={(e) => {
          e.preventDefault();
          void conferma();
        }}
      >
        <div className="row">
          <div className="col-md-6 select-wrapper mb-3">
            <label htmlFor="smart-cdc">Centro di costo</label>
            <select id="smart-cdc" value={dati.centroDiCosto} onChange={imposta('centroDiCosto')} required>
              <option value="">Scegli un centro di costo</option>
              {cdc.map((c) => <option key={c.codice} value={c.codice}>{c.denominazione}</option>)}
            </select>
          </div>
          <div className="col-md-6 select-wrapper mb-3">
            <label htmlFor="smart-rup">RUP</label>
            <select id="smart-rup" value={dati.rup} onChange={imposta('rup')} required>
              <option value="">Scegli il RUP</option>
              {rup.map((r) => <option key={r.userId} value={r.codiceFiscale}>{r.nome} ({r.codiceFiscale})</option>)}
            </select>
          </div>
        </div>
        <div className="mb-3">
          <label htmlFor="smart-oggetto" className="form-label active">Oggetto</label>
          <input id="smart-oggetto" className="form-control" value={dati.oggetto} onChange={imposta('oggetto')} maxLength={300} required />
        </div>
        <div className="row">
          <div className="col-md-4 mb-3">
            <label htmlFor="smart-importo" className="form-label active">Importo (€)</label>
            <input id="smart-importo" className="form-control" inputMode="decimal" value={dati.importo} onChange={imposta('importo')} required />
          </div>
          <div className="col-md-4 mb-3">
            <label htmlFor="smart-cup" className="form-label active">CUP (facoltativo)</label>
            <input id="smart-cup" className="form-control" value={dati.cup} onChange={imposta('cup')} maxLength={15} />
          </div>
        </div>
        <div className="row">
          <div className="col-md-4 select-wrapper mb-3">
            <label htmlFor="smart-fattispecie">Fattispecie contrattuale</label>
            <select id="smart-fattispecie" value={dati.fattispecie} onChange={imposta('fattispecie')}>
              {FATTISPECIE.map(([v, n]) => <option key={v} value={v}>{n}</option>)}
            </select>
          </div>
          <div className="col-md-4 select-wrapper mb-3">
            <label htmlFor="smart-procedura">Procedura di scelta del contraente</label>
            <select id="smart-procedura" value={dati.procedura} onChange={imposta('procedura')}>
              {PROCEDURE.map(([v, n]) => <option key={v} value={v}>{n}</option>)}
            </select>
          </div>
          <div className="col-md-4 select-wrapper mb-3">
            <label htmlFor="smart-oggetto-principale">Oggetto principale del contratto</label>
            <select id="smart-oggetto-principale" value={dati.oggettoPrincipale} onChange={imposta('oggettoPrincipale')}>
              {OGGETTI.map(([v, n]) => <option key={v} value={v}>{n}</option>)}
            </select>
          </div>
        </div>
        <button type="submit" className="btn btn-primary" disabled={invio}>CONFERMA ED OTTIENI CIG</button>
      </form>
    </section>
  );
}
