import { useState } from 'react';
import { api, type StoriaCig } from '../api/client.js';

const data = (s: string) => new Date(s).toLocaleString('it-IT', { timeZone: 'Europe/Rome' });

/** Auditor: the history of a CIG as of a date (who, when recorded, effective date, what changed). */
export default function Storia() {
  const [cig, setCig] = useState('');
  const [asOf, setAsOf] = useState('');
  const [storia, setStoria] = useState<StoriaCig | null>(null);
  const [errore, setErrore] = useState<string | null>(null);
  return (
    <section aria-labelledby="titolo-storia">
      <h1 id="titolo-storia">Storia di un CIG</h1>
      <form
        className="row g-3 mb-4"
        onSubmit={async (e) => {
          e.preventDefault();
          setErrore(null);
          try {
            setStoria(await api.storia(cig.trim(), asOf || undefined));
          } catch (err) {
            setStoria(null);
            setErrore((err as Error).message);
          }
        }}
      >
        <div className="col-md-4">
          <label htmlFor="storia-cig" className="form-label">CIG</label>
          <input id="storia-cig" className="form-control" value={cig} onChange={(e) => setCig(e.target.value)} required />
        </div>
        <div className="col-md-4">
          <label htmlFor="storia-asof" className="form-label active">Alla data (vuoto: oggi)</label>
          <input id="storia-asof" type="date" className="form-control" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
        </div>
        <div className="col-md-4 d-flex align-items-end">
          <button type="submit" className="btn btn-primary">CERCA</button>
        </div>
      </form>
      {errore && <div className="alert alert-danger" role="alert">{errore}</div>}
      {storia && (
        <>
          <h2 className="h4">
            {storia.cig} {storia.asOf ? `al ${data(storia.asOf)}` : 'oggi'}
          </h2>
          <p data-testid="stato-allora">
            Stato della richiesta: <strong>{String(storia.stato.appalto?.statoRichiesta ?? storia.stato.appalto?.stato ?? '—')}</strong>
            {' — '}CIG: <strong>{storia.stato.cig ? String(storia.stato.cig.stato ?? 'assegnato') : 'non ancora assegnato'}</strong>
          </p>
          {storia.eventiSuccessivi > 0 && <p>Eventi successivi a quella data: {storia.eventiSuccessivi}</p>}
          <div className="table-responsive">
            <table className="table">
              <caption className="visually-hidden">Cronologia</caption>
              <thead>
                <tr>
                  <th scope="col">Data effettiva</th>
                  <th scope="col">Registrato il</th>
                  <th scope="col">Evento</th>
                  <th scope="col">Chi</th>
                  <th scope="col">Motivazione</th>
                </tr>
              </thead>
              <tbody>
                {storia.eventi.map((e, i) => (
                  <tr key={i}>
                    <td>{data(e.effettivoIl)}</td>
                    <td>{data(e.registratoIl)}</td>
                    <td>{e.tipo}</td>
                    <td>{e.attore ?? 'sistema'}{e.ruolo ? ` (${e.ruolo})` : ''}</td>
                    <td>{e.motivazione ?? ''}</td>
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
