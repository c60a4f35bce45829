import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { naviga } from '../rotte.js';

const TAB = ['DATI DI GARA', 'CLASSIFICAZIONE', 'ELENCO LOTTI', 'PERFEZIONAMENTO', 'LOG TRASMISSIONI'] as const;
type Tab = (typeof TAB)[number];

/** Richiesta CIG: one appalto with the tabs of the START screens. */
export default function Appalto({ id }: { id: string }) {
  const [appalto, setAppalto] = useState<Record<string, unknown> | null>(null);
  const [trasmissioni, setTrasmissioni] = useState<unknown>(null);
  const [tab, setTab] = useState<Tab>('DATI DI GARA');
  const [errore, setErrore] = useState<string | null>(null);
  useEffect(() => {
    api.appalto(id).then(setAppalto, (e: Error) => setErrore(e.message));
    api.trasmissioni(id).then(setTrasmissioni, () => undefined);
  }, [id]);
  const lotti = (appalto?.lotti as Array<Record<string, unknown>> | undefined) ?? [];
  return (
    <section aria-labelledby="titolo-appalto">
      <a href="/console/cig" onClick={(e) => { e.preventDefault(); naviga('/console/cig'); }}>← Torna alla lista</a>
      <h1 id="titolo-appalto" className="mt-2">Richiesta CIG</h1>
      {errore && <div className="alert alert-danger" role="alert">{errore}</div>}
      {appalto && (
        <>
          <p>
            Stato: <strong data-testid="stato-appalto">{String(appalto.stato ?? '')}</strong>
          </p>
          <ul className="nav nav-tabs" role="tablist">
            {TAB.map((t) => (
              <li className="nav-item" key={t} role="presentation">
                <button
                  type="button"
                  role="tab"
                  id={`tab-${t}`}
                  aria-selected={tab === t}
                  aria-controls="pannello"
                  className={`nav-link${tab === t ? ' active' : ''}`}
                  onClick={() => setTab(t)}
                >
                  {t}
                </button>
              </li>
            ))}
          </ul>
          <div id="pannello" role="tabpanel" aria-labelledby={`tab-${tab}`} className="p-3 border border-top-0">
            {tab === 'ELENCO LOTTI' ? (
              <table className="table">
                <caption className="visually-hidden">Lotti</caption>
                <thead>
                  <tr><th scope="col">Lotto</th><th scope="col">Oggetto</th><th scope="col">CIG</th><th scope="col">Stato</th></tr>
                </thead>
                <tbody>
                  {lotti.map((l) => (
                    <tr key={String(l.lotIdentifier)}>
                      <td>{String(l.lotIdentifier)}</td>
                      <td>{String(l.oggetto ?? '')}</td>
                      <td>{l.cig ? String(l.cig) : <em>in fase di acquisizione</em>}</td>
                      <td>{String(l.stato ?? '')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : tab === 'LOG TRASMISSIONI' ? (
              <pre className="small">{JSON.stringify(trasmissioni, null, 2)}</pre>
            ) : (
              <pre className="small">{JSON.stringify(tab === 'DATI DI GARA' ? { ...appalto, lotti: undefined } : tab === 'CLASSIFICAZIONE' ? appalto.classificazione : appalto.perfezionamento ?? appalto, null, 2)}</pre>
            )}
          </div>
        </>
      )}
    </section>
  );
}
