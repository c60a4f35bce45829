import { useEffect, useState } from 'react';
import { api, type ConfigurazioneAccesso, type Sessione, type Utente } from '../api/client.js';
import { avviaAccesso, completaAccesso } from '../api/oidc.js';

/**
 * Accesso: with an identity provider (AUTH_OIDC_ISSUER) the sign-in goes through its pages (OpenID Connect,
 * authorization code with PKCE); in development, choose a user of the demo directory and the service mints the token.
 */
export function Accesso({ onAccesso }: { onAccesso: (s: Sessione) => void }) {
  const [config, setConfig] = useState<ConfigurazioneAccesso | null>(null);
  const [utenti, setUtenti] = useState<Utente[] | null>(null);
  const [scelto, setScelto] = useState('');
  const [errore, setErrore] = useState<string | null>(null);
  useEffect(() => {
    api.configurazioneAccesso().then(
      (c) => {
        setConfig(c);
        if (!c.sviluppo) return;
        api.utentiSviluppo().then(
          (u) => {
            setUtenti(u);
            setScelto(u[0]?.userId ?? '');
          },
          (e: Error) => setErrore(e.message),
        );
      },
      (e: Error) => setErrore(e.message),
    );
  }, []);
  return (
    <section aria-labelledby="titolo-accesso" className="col-lg-6">
      <h1 id="titolo-accesso">Accesso</h1>
      {errore && <div className="alert alert-danger" role="alert">{errore}</div>}
      {config && !config.oidc && !config.sviluppo && (
        <div className="alert alert-warning" role="alert">
          Nessun modo di accesso configurato: impostare AUTH_OIDC_ISSUER del fornitore di identità.
        </div>
      )}
      {config?.oidc && (
        <div className="mb-5">
          <p>Accedi con le credenziali del fornitore di identità dell&apos;ente.</p>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void avviaAccesso(config.oidc!).catch((e: Error) => setErrore(`Fornitore di identità non raggiungibile: ${e.message}`))}
          >
            Accedi con il fornitore di identità
          </button>
        </div>
      )}
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
          <p>Ambiente di sviluppo: scegli un utente dell&apos;anagrafica dimostrativa.</p>
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

/** RITORNO: the provider sent the browser back with the authorization code. */
export function RitornoAccesso({ onAccesso }: { onAccesso: (s: Sessione) => void }) {
  const [errore, setErrore] = useState<string | null>(null);
  useEffect(() => {
    let annullato = false;
    completaAccesso().then(
      (s) => {
        if (!annullato) onAccesso(s);
      },
      (e: Error) => {
        if (!annullato) setErrore(e.message);
      },
    );
    return () => {
      annullato = true;
    };
  }, [onAccesso]);
  return (
    <section aria-labelledby="titolo-ritorno" className="col-lg-6">
      <h1 id="titolo-ritorno">Accesso</h1>
      {errore ? (
        <div className="alert alert-danger" role="alert">
          Accesso non riuscito: {errore} <a href="/">Riprova</a>
        </div>
      ) : (
        <p>Completamento dell&apos;accesso…</p>
      )}
    </section>
  );
}
