import { useCallback, useEffect, useState } from 'react';
import { api, sessioneSalvata, type PaginaListing, type RigaListing } from '../api/client.js';
import { naviga } from '../rotte.js';
import { useEventiCig } from '../api/eventi.js';

type Filtri = Record<'oggetto' | 'cig' | 'numeroGara' | 'rup' | 'statoRichiesta', string>;
const VUOTI: Filtri = { oggetto: '', cig: '', numeroGara: '', rup: '', statoRichiesta: '' };
const ETICHETTE: Record<keyof Filtri, string> = {
  oggetto: 'Oggetto',
  cig: 'CIG',
  numeroGara: 'N° gara ANAC',
  rup: 'RUP',
  statoRichiesta: 'Stato richiesta',
};

const euro = (v: unknown) =>
  v === null || v === undefined || v === '' ? '' : Number(v).toLocaleString('it-IT', { style: 'currency', currency: 'EUR' });

const LIMITE = 50;

/**
 * The first page with no filter, asked for as soon as the console's entry runs when the listing is the page to
 * show: one request (rows and total together) that travels while React renders, instead of after it.
 */
let primaPagina: Promise<PaginaListing> | undefined =
  sessioneSalvata() && /^\/(console(\/cig)?\/?)?$/.test(location.pathname) ? api.listing({ limite: LIMITE }) : undefined;
// Its failure is shown by the listing when it reads it; until then it is not an unhandled rejection.
primaPagina?.catch(() => undefined);

/** Richiedi CIG: the listing "CIG e SMART CIG: N di M" with PARAMETRI DI RICERCA (manuale START Richiedi CIG). */
export default function Listing() {
  const [filtri, setFiltri] = useState<Filtri>(VUOTI);
  const [applicati, setApplicati] = useState<Filtri>(VUOTI);
  const [pagina, setPagina] = useState<PaginaListing | null>(null);
  const [errore, setErrore] = useState<string | null>(null);

  const carica = useCallback(async (f: Filtri, attendi?: string) => {
    setErrore(null);
    const anticipata = primaPagina;
    primaPagina = undefined;
    try {
      setPagina(await (anticipata && f === VUOTI && !attendi ? anticipata : api.listing({ ...f, limite: LIMITE, attendi })));
    } catch (e) {
      setErrore((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void carica(applicati);
  }, [applicati, carica]);
  // A CIG of the office changed (assigned by ANAC, cancelled…): read the page again once the listing has it.
  const [avviso, setAvviso] = useState<string | null>(null);
  useEventiCig((e) => {
    if (e.tipo === 'CigAssegnato') setAvviso(`Nuovo CIG assegnato: ${e.cig}`);
    void carica(applicati, e.posizione);
  });

  return (
    <section aria-labelledby="titolo-listing">
      <h1 id="titolo-listing">Richiedi CIG</h1>
      <form
        className="mb-4"
        aria-labelledby="titolo-parametri"
        onSubmit={(e) => {
          e.preventDefault();
          setApplicati({ ...filtri });
        }}
      >
        <h2 id="titolo-parametri" className="h5">PARAMETRI DI RICERCA</h2>
        <div className="row">
          {(Object.keys(ETICHETTE) as (keyof Filtri)[]).map((k) => (
            <div className="col-md-4 mb-3" key={k}>
              <label htmlFor={`filtro-${k}`} className="form-label">{ETICHETTE[k]}</label>
              <input id={`filtro-${k}`} className="form-control" value={filtri[k]} onChange={(e) => setFiltri({ ...filtri, [k]: e.target.value })} />
            </div>
          ))}
        </div>
        <div className="d-flex gap-2 flex-wrap">
          <button type="submit" className="btn btn-primary">CERCA</button>
          <button type="button" className="btn btn-outline-primary" onClick={() => { setFiltri(VUOTI); setApplicati({ ...VUOTI }); }}>
            AVVIA NUOVA RICERCA
          </button>
          <button type="button" className="btn btn-outline-primary" onClick={() => void api.esportaCsv(applicati).catch((e: Error) => setErrore(e.message))}>
            ESPORTA CSV
          </button>
        </div>
      </form>
      {errore && <div className="alert alert-danger" role="alert">{errore}</div>}
      <div role="status" className={avviso ? 'alert alert-info' : 'visually-hidden'} data-testid="avviso-eventi">{avviso}</div>
      {pagina && (
        <>
          <h2 className="h5" data-testid="conteggio" aria-live="polite">
            CIG e SMART CIG: {pagina.risultati.length} di {pagina.totale}{pagina.totaleEsatto ? '' : '+'}
          </h2>
          <div className="table-responsive">
            <table className="table table-striped">
              <caption className="visually-hidden">CIG e SMART CIG trovati</caption>
              <thead>
                <tr>
                  <th scope="col">CIG</th>
                  <th scope="col">Oggetto</th>
                  <th scope="col">Stato richiesta</th>
                  <th scope="col">Stato lotto</th>
                  <th scope="col">Valore</th>
                  <th scope="col">RUP</th>
                  <th scope="col">Azioni</th>
                </tr>
              </thead>
              <tbody>
                {pagina.risultati.map((r: RigaListing) => (
                  <tr key={`${r.idAppalto}/${r.lotIdentifier}`}>
                    <td>{r.cig ?? <em>in fase di acquisizione</em>}</td>
                    <td>{String(r.oggettoLotto ?? r.oggettoProcedura ?? '')}</td>
                    <td>{r.statoRichiesta}</td>
                    <td>{r.statoLotto}</td>
                    <td>{euro(r.valore)}</td>
                    <td>{String(r.rup ?? '')}</td>
                    <td>
                      <a
                        href={`/console/appalti/${encodeURIComponent(r.idAppalto)}`}
                        onClick={(e) => { e.preventDefault(); naviga(`/console/appalti/${encodeURIComponent(r.idAppalto)}`); }}
                      >
                        Vai alla procedura<span className="visually-hidden"> {String(r.oggettoProcedura ?? r.idAppalto)}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
