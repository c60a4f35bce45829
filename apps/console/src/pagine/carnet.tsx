import { useCallback, useEffect, useState } from 'react';
import { api, type Carnet, type DatiSmartCig } from '../api/client.js';
import { naviga } from '../rotte.js';

const giorno = (s: unknown) => (s ? new Date(String(s)).toLocaleDateString('it-IT', { timeZone: 'Europe/Rome' }) : '');

/** Lista CARNET (nota SMART CIG 2011): number, dates, size, state. */
export function ListaCarnet() {
  const [righe, setRighe] = useState<Array<Record<string, unknown>> | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  useEffect(() => {
    api.carnets().then(setRighe, (e: Error) => setErrore(e.message));
  }, []);
  return (
    <section aria-labelledby="titolo-carnet">
      <h1 id="titolo-carnet">Lista CARNET</h1>
      {errore && <div className="alert alert-danger" role="alert">{errore}</div>}
      {righe && (
        <table className="table">
          <caption className="visually-hidden">Carnet</caption>
          <thead>
            <tr><th scope="col">Numero</th><th scope="col">Data creazione</th><th scope="col">Data scadenza</th><th scope="col">Dimensione</th><th scope="col">Stato</th></tr>
          </thead>
          <tbody>
            {righe.map((r) => (
              <tr key={String(r.numero)}>
                <td>
                  <a href={`/console/carnet/${encodeURIComponent(String(r.numero))}`} onClick={(e) => { e.preventDefault(); naviga(`/console/carnet/${encodeURIComponent(String(r.numero))}`); }}>
                    {String(r.numero)}
                  </a>
                </td>
                <td>{giorno(r.dataCreazione)}</td>
                <td>{giorno(r.dataScadenza)}</td>
                <td>{String(r.dimensione)}</td>
                <td>{String(r.descrizioneStato ?? r.stato)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Dettaglio CARNET: counts, each code with oggetto and stato, comunica and annulla, Scarica PDF. */
export function DettaglioCarnet({ numero }: { numero: string }) {
  const [k, setK] = useState<Carnet | null>(null);
  const [scelto, setScelto] = useState('');
  const [dati, setDati] = useState<DatiSmartCig>({ oggetto: '', importo: '', fattispecie: 'AFFIDAMENTO_SOTTO_SOGLIA', procedura: 'AFFIDAMENTO_IN_ECONOMIA_COTTIMO_FIDUCIARIO', oggettoPrincipale: 'SERVIZI' });
  const [motivo, setMotivo] = useState('');
  const [messaggio, setMessaggio] = useState<string | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  // After a command the detail waits for its position (read-your-writes), so the counts include it.
  const carica = useCallback((attendi?: string) => api.carnet(numero, attendi).then(setK, (e: Error) => setErrore(e.message)), [numero]);
  useEffect(() => {
    void carica();
  }, [carica]);
  const esegui = async (f: () => Promise<{ posizione?: string | number }>, ok: string) => {
    setErrore(null);
    setMessaggio(null);
    try {
      const r = await f();
      await carica(r.posizione === undefined ? undefined : String(r.posizione));
      setMessaggio(ok);
    } catch (e) {
      setErrore((e as Error).message);
    }
  };
  const nonRendicontati = k?.cig.filter((c) => c.stato === 'NON_RENDICONTATO') ?? [];
  return (
    <section aria-labelledby="titolo-dettaglio-carnet">
      <h1 id="titolo-dettaglio-carnet">Dettaglio CARNET {numero}</h1>
      {errore && <div className="alert alert-danger" role="alert">{errore}</div>}
      {messaggio && <div className="alert alert-info" role="status">{messaggio}</div>}
      {k && (
        <>
          <p>
            Stato: <strong>{k.descrizioneStato}</strong> — scadenza {giorno(k.dataScadenza)} — rendicontazione entro {giorno(k.termineRendicontazione)}
          </p>
          <p data-testid="conteggi-carnet">
            CIG non rendicontati: {k.cigNonRendicontati} — comunicati: {k.cigComunicati} — annullati: {k.cigAnnullati}
          </p>
          <button type="button" className="btn btn-outline-primary mb-3" onClick={() => void api.pdfCarnet(numero).catch((e: Error) => setErrore(e.message))}>
            Scarica PDF
          </button>
          <div className="row">
            <form
              className="col-md-6"
              aria-labelledby="titolo-comunica"
              onSubmit={(e) => {
                e.preventDefault();
                void esegui(() => api.comunica(numero, scelto, dati), `CIG ${scelto} comunicato.`);
              }}
            >
              <h2 id="titolo-comunica" className="h5">Comunica dati SmartCIG</h2>
              <div className="select-wrapper mb-3">
                <label htmlFor="carnet-cig">CIG del carnet</label>
                <select id="carnet-cig" value={scelto} onChange={(e) => setScelto(e.target.value)} required>
                  <option value="">Scegli un CIG</option>
                  {nonRendicontati.map((c) => <option key={c.cig} value={c.cig}>{c.cig}</option>)}
                </select>
              </div>
              {(['oggetto', 'importo', 'fattispecie', 'procedura', 'oggettoPrincipale'] as const).map((campo) => (
                <div className="mb-3" key={campo}>
                  <label htmlFor={`comunica-${campo}`} className="form-label active">{campo === 'oggettoPrincipale' ? 'Oggetto principale' : campo[0]!.toUpperCase() + campo.slice(1)}</label>
                  <input id={`comunica-${campo}`} className="form-control" value={dati[campo]} onChange={(e) => setDati({ ...dati, [campo]: e.target.value } as DatiSmartCig)} required />
                </div>
              ))}
              <button type="submit" className="btn btn-primary">COMUNICA</button>
            </form>
            <form
              className="col-md-6"
              aria-labelledby="titolo-annulla"
              onSubmit={(e) => {
                e.preventDefault();
                void esegui(() => api.annulla(numero, scelto, motivo), `CIG ${scelto} annullato.`);
              }}
            >
              <h2 id="titolo-annulla" className="h5">Annulla il CIG scelto</h2>
              <div className="mb-3">
                <label htmlFor="annulla-motivo" className="form-label active">Motivo</label>
                <input id="annulla-motivo" className="form-control" value={motivo} onChange={(e) => setMotivo(e.target.value)} required />
              </div>
              <button type="submit" className="btn btn-outline-danger">ANNULLA</button>
            </form>
          </div>
          <table className="table mt-4">
            <caption className="visually-hidden">CIG del carnet</caption>
            <thead>
              <tr><th scope="col">CIG</th><th scope="col">Oggetto</th><th scope="col">Importo</th><th scope="col">Stato</th></tr>
            </thead>
            <tbody>
              {k.cig.map((c) => (
                <tr key={c.cig}>
                  <td>{c.cig}</td>
                  <td>{c.oggetto}</td>
                  <td>{c.importo ?? ''}</td>
                  <td>{c.descrizioneStato}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
