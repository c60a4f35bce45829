import { useEffect, useState } from 'react';
import { api, type Sessione, type Utente } from '../api/client.js';

/** Development login: choose a user of the demo directory; the service mints the token. */
export function Accesso({ onAccesso }: { onAccesso: (s: Sessione) => void }) {
  const [utenti, setUtenti] = useState<Utente[] | null>(null);
  const [scelto, setScelto] = useState('');
  const [errore, setErrore] = useState<string | null>(null);
  useEffect(() => {
    api.utentiSviluppo().then(
      (u) => {
        setUtenti(u);
        setScelto(u[0]?.userId ?? '');
      },
      () => setErrore("L'accesso di sviluppo non è disponibile: il servizio usa un fornitore di identità."),
    );
  }, []);
  return (
    <section aria-labelledby="titolo-accesso" className="col-lg-6">
      <h1 id="titolo-accesso">Accesso</h1>
      <p>Ambiente di sviluppo: scegli un utente dell&apos;anagrafica dimostrativa.</p>
      {errore && <div className="alert alert-danger" role="alert">{errore}</div>}
      {utenti && (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            try {
              onAccesso(await api.accediSviluppo(scelto));
            } catch (err) {
              setErrore((err as Error).message);
            }
          }}
        >
          <div className="select-wrapper mb-4">
            <label htmlFor="utente">Utente</label>
            <select id="utente" value={scelto} onChange={(e) => setScelto(e.target.value)}>
              {utenti.map((u) => (
                <option key={u.userId} value={u.userId}>
                  {u.nome} — {u.ruoli.join(', ')} — {u.ufficio}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-primary">
            Accedi
          </button>
        </form>
      )}
    </section>
  );
}
