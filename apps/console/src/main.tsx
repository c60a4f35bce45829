import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
import './console.css';
import { lazy, StrictMode, Suspense, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { salvaSessione, sessioneSalvata, type Sessione } from './api/client.js';
import { naviga, usePercorso } from './rotte.js';
import { Accesso, RitornoAccesso } from './pagine/accesso.js';
import { esciDalFornitore, rinnovaInSilenzio, RITORNO } from './api/oidc.js';
// The landing page is in the entry (not a lazy chunk): its first page is asked for as the entry loads.
import Listing from './pagine/listing.js';

const Appalto = lazy(() => import('./pagine/appalto.js'));
const Storia = lazy(() => import('./pagine/storia.js'));
const Registro = lazy(() => import('./pagine/registro.js'));
const SmartCig = lazy(() => import('./pagine/smart-cig.js'));
const ListaCarnet = lazy(() => import('./pagine/carnet.js').then((m) => ({ default: m.ListaCarnet })));
const DettaglioCarnet = lazy(() => import('./pagine/carnet.js').then((m) => ({ default: m.DettaglioCarnet })));

function App() {
  const [sessione, setSessione] = useState<Sessione | null>(sessioneSalvata());
  const percorso = usePercorso();
  const [avviso, setAvviso] = useState<string | null>(null);
  const esci = () => {
    const dimentica = () => {
      salvaSessione(null);
      setSessione(null);
    };
    if (sessione?.origine === 'oidc') {
      // Signed out at the provider too; the provider sends the browser back to '/'.
      // oidc-client-ts itself is loaded only now (api/oidc.ts imports it on use).
      void esciDalFornitore(dimentica).then((uscito) => uscito || naviga('/'), () => naviga('/'));
      return;
    }
    dimentica();
    naviga('/');
  };
  const oidc = sessione?.origine === 'oidc';
  useEffect(() => {
    if (!oidc) return;
    let ferma: (() => void) | undefined;
    let attivo = true;
    void rinnovaInSilenzio(
      (token) => {
        const s = sessioneSalvata();
        if (!s || !attivo) return;
        const rinnovata = { ...s, token };
        salvaSessione(rinnovata);
        setSessione(rinnovata);
      },
      (messaggio) => attivo && setAvviso(messaggio),
    ).then((f) => {
      if (attivo) ferma = f;
      else f();
    });
    return () => {
      attivo = false;
      ferma?.();
    };
  }, [oidc]);
  const onAccesso = useCallback((s: Sessione) => {
    salvaSessione(s);
    setSessione(s);
    naviga('/console/cig');
  }, []);
  let pagina;
  if (!sessione && percorso === RITORNO) {
    pagina = <RitornoAccesso onAccesso={onAccesso} />;
  } else if (!sessione) {
    pagina = <Accesso onAccesso={onAccesso} />;
  } else {
    const appalto = /^\/console\/appalti\/([^/]+)$/.exec(percorso);
    const carnet = /^\/console\/carnet\/([^/]+)$/.exec(percorso);
    pagina = carnet ? (
      <DettaglioCarnet numero={decodeURIComponent(carnet[1]!)} />
    ) : percorso === '/console/smart-cig' ? (
      <SmartCig />
    ) : percorso === '/console/carnet' ? (
      <ListaCarnet />
    ) : appalto ? (
      <Appalto id={decodeURIComponent(appalto[1]!)} />
    ) : percorso === '/console/storia' ? (
      <Storia />
    ) : percorso === '/console/audit' ? (
      <Registro />
    ) : (
      <Listing />
    );
  }
  return (
    <>
      <a className="visually-hidden-focusable" href="#contenuto">
        Vai al contenuto
      </a>
      <header className="it-header-wrapper">
        <div className="it-header-slim-wrapper">
          <div className="container">
            <div className="it-header-slim-wrapper-content d-flex justify-content-between align-items-center">
              <span className="d-inline-block text-white">CIG Ledger</span>
              {sessione && (
                <div className="d-flex align-items-center gap-3">
                  <span className="text-white" data-testid="utente-corrente">
                    {sessione.utente.nome} ({sessione.utente.ruoli.join(', ')})
                  </span>
                  <button type="button" className="btn btn-primary btn-sm" onClick={esci}>
                    Esci
                  </button>
                </div>
              )}
            </div>
          </div>
        </div>
        <div className="it-header-center-wrapper">
          <div className="container">
            <div className="it-header-center-content-wrapper">
              <div className="it-brand-wrapper">
                <a href="/" onClick={(e) => { e.preventDefault(); naviga(sessione ? '/console/cig' : '/'); }}>
                  <div className="it-brand-text">
                    <div className="it-brand-title">Richiedi CIG</div>
                    <div className="it-brand-tagline d-none d-md-block">Richiesta, tracciamento e rendicontazione dei CIG</div>
                  </div>
                </a>
              </div>
            </div>
          </div>
        </div>
      </header>
      {sessione && (
        <nav aria-label="Sezioni" className="container mt-3">
          <ul className="nav">
            {[
              ['/console/cig', 'Richiedi CIG'],
              ['/console/smart-cig', 'SMART CIG'],
              ['/console/carnet', 'Lista CARNET'],
              ['/console/storia', 'Storia di un CIG'],
              ['/console/audit', 'Registro di audit'],
            ].map(([href, nome]) => (
              <li className="nav-item" key={href}>
                <a className="nav-link" href={href} aria-current={percorso === href ? 'page' : undefined} onClick={(e) => { e.preventDefault(); naviga(href!); }}>
                  {nome}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="contenuto" className="container my-4" tabIndex={-1}>
        {avviso && sessione && <div className="alert alert-warning" role="status">{avviso}</div>}
        <Suspense fallback={<p>Caricamento…</p>}>{pagina}</Suspense>
      </main>
    </>
  );
}

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
