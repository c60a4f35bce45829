import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { api, ErroreApi, type DatiGara } from '../api/client.js';

type Dati = Record<string, unknown>;

/** An action the service says the caller may take now (GET /appalti/:id `azioni`), or why not. */
export interface AzioneConsentita {
  readonly consentita: boolean;
  readonly perche?: string;
}
export type Azioni = Partial<Record<'ritiro' | 'cancellazione' | 'pubblicazione' | 'modificaAvviso', AzioneConsentita>>;

/** A refused command as the service wrote it (problem+json): title, status and code, detail, the fields at fault. */
export function DettaglioProblema({ errore }: { errore: unknown }) {
  if (!errore) return null;
  const p = errore instanceof ErroreApi ? errore.problema : undefined;
  return (
    <div className="alert alert-danger" role="alert" data-testid="problema">
      <p className="mb-1">
        <strong>{p?.title ?? 'Errore'}</strong>
        {p && <span className="small"> ({p.status}{p.code ? `, ${p.code}` : ''})</span>}
      </p>
      <p className="mb-0">{p?.detail ?? (errore as Error).message}</p>
      {p?.errors?.length ? (
        <ul className="mb-0 mt-1">
          {p.errors.map((x, i) => (
            <li key={i}>{x.campo ? `${x.campo}: ` : ''}{x.messaggio}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * A modal confirmation (the native dialog: focus stays inside, Esc cancels). The command runs only on
 * confirmation; if the service refuses it the dialog stays open with the problem's details.
 */
export function DialogoConferma({
  titolo, conferma, pericolo, aperto, onAnnulla, onConferma, children,
}: {
  titolo: string;
  conferma: string;
  pericolo?: boolean;
  aperto: boolean;
  onAnnulla: () => void;
  /** Resolves when done (the dialog closes); a rejection is shown in the dialog. */
  onConferma: () => Promise<void>;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [inCorso, setInCorso] = useState(false);
  const [errore, setErrore] = useState<unknown>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (aperto && !d.open) {
      setErrore(null);
      d.showModal();
    } else if (!aperto && d.open) d.close();
  }, [aperto]);
  return (
    <dialog ref={ref} className="dialogo-conferma" aria-labelledby={`${id}-titolo`} onCancel={(e) => { e.preventDefault(); onAnnulla(); }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setInCorso(true);
          setErrore(null);
          onConferma().then(
            () => setInCorso(false),
            (err: unknown) => {
              setInCorso(false);
              setErrore(err);
            },
          );
        }}
      >
        <h2 id={`${id}-titolo`} className="h5">{titolo}</h2>
        {children}
        <DettaglioProblema errore={errore} />
        <div className="d-flex gap-2 justify-content-end mt-3">
          <button type="button" className="btn btn-outline-primary" onClick={onAnnulla}>ANNULLA</button>
          <button type="submit" className={`btn ${pericolo ? 'btn-danger' : 'btn-primary'}`} disabled={inCorso}>{conferma}</button>
        </div>
      </form>
    </dialog>
  );
}

type Aperta = 'ritiro' | 'cancellazione' | 'pubblicazione' | null;

/**
 * The actions of a request the service allows now (ritiro while ANAC works on the conferma, cancellazione,
 * pubblicazione dell'avviso), each behind a confirmation; the avviso is changed from PERFEZIONAMENTO.
 */
export function AzioniProcedura({
  id, appalto, azioni, onFatto, onModificaAvviso,
}: {
  id: string;
  appalto: Dati;
  azioni: Azioni;
  onFatto: (messaggio: string) => Promise<void>;
  onModificaAvviso: () => void;
}) {
  const [aperta, setAperta] = useState<Aperta>(null);
  const [motivo, setMotivo] = useState('');
  const apri = (a: Aperta) => {
    setMotivo('');
    setAperta(a);
  };
  const fatto = async (messaggio: string) => {
    setAperta(null);
    await onFatto(messaggio);
  };
  /** The motivo of `azione` (each dialog its own field). */
  const campoMotivo = (azione: 'ritiro' | 'cancellazione', etichetta: string) => (
    <div className="mb-2">
      <label htmlFor={`motivo-${azione}`} className="form-label active">{etichetta}</label>
      <input id={`motivo-${azione}`} className="form-control" value={motivo} maxLength={200} required aria-describedby={`motivo-${azione}-aiuto`} onChange={(e) => setMotivo(e.target.value)} />
      <small id={`motivo-${azione}-aiuto`} className="form-text">Obbligatorio, al massimo 200 caratteri.</small>
    </div>
  );
  const oggetto = String((appalto.datiGara as Dati | undefined)?.oggetto ?? '');
  return (
    <>
      {azioni.ritiro?.consentita && (
        <button type="button" className="btn btn-outline-danger" onClick={() => apri('ritiro')}>RITIRA LA RICHIESTA</button>
      )}
      {azioni.cancellazione?.consentita && (
        <button type="button" className="btn btn-outline-danger" onClick={() => apri('cancellazione')}>ELIMINA</button>
      )}
      {azioni.pubblicazione?.consentita && (
        <button type="button" className="btn btn-primary" onClick={() => apri('pubblicazione')}>PUBBLICA AVVISO</button>
      )}
      {azioni.modificaAvviso?.consentita && (
        <button type="button" className="btn btn-outline-primary" onClick={onModificaAvviso}>MODIFICA AVVISO</button>
      )}
      <DialogoConferma
        titolo="Ritirare la richiesta?"
        conferma="RITIRA"
        pericolo
        aperto={aperta === 'ritiro'}
        onAnnulla={() => setAperta(null)}
        onConferma={async () => {
          await api.cancella(id, motivo.trim());
          await fatto('Ritiro richiesto: la richiesta sarà cancellata appena ANAC lo consente.');
        }}
      >
        <p>
          ANAC sta lavorando alla conferma di «{oggetto}». Il ritiro viene registrato subito e la richiesta è cancellata
          appena ANAC lo consente; se la conferma non è ancora arrivata ad ANAC, non sarà inviata.
        </p>
        {campoMotivo('ritiro', 'Motivo del ritiro')}
      </DialogoConferma>
      <DialogoConferma
        titolo="Eliminare la richiesta?"
        conferma="ELIMINA"
        pericolo
        aperto={aperta === 'cancellazione'}
        onAnnulla={() => setAperta(null)}
        onConferma={async () => {
          await api.cancella(id, motivo.trim());
          await fatto('Richiesta di cancellazione registrata.');
        }}
      >
        <p>
          {appalto.stato === 'BOZZA' ? `La bozza «${oggetto}» è cancellata subito.` : `«${oggetto}» è cancellata anche presso ANAC, con il motivo indicato.`}
        </p>
        {campoMotivo('cancellazione', 'Motivo della cancellazione')}
      </DialogoConferma>
      <DialogoConferma
        titolo="Pubblicare l'avviso?"
        conferma="PUBBLICA"
        aperto={aperta === 'pubblicazione'}
        onAnnulla={() => setAperta(null)}
        onConferma={async () => {
          await api.pubblica(id);
          await fatto("Pubblicazione dell'avviso richiesta ad ANAC: i CIG saranno disponibili alla pubblicazione.");
        }}
      >
        <p>
          L&apos;avviso di «{oggetto}» è inviato ad ANAC per la pubblicazione. Dopo la richiesta la procedura non si può più
          cancellare; l&apos;avviso si può modificare finché non è pubblicato.
        </p>
      </DialogoConferma>
    </>
  );
}

const STATI: Record<string, string> = {
  BOZZA: 'In bozza',
  IN_LAV: 'In lavorazione',
  CONF: 'Confermato',
  IN_ATT_PUBB: 'In attesa pubblicazione',
  PUBB: 'Pubblicato',
  CANC: 'Cancellato',
  IN_STOP_PUBB: 'Pubblicazione sospesa',
};

const dataOra = (v: unknown) =>
  v ? new Date(String(v)).toLocaleString('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }) : '—';
const giorno = (v: unknown) => (v ? new Date(String(v)).toLocaleDateString('it-IT', { timeZone: 'Europe/Rome' }) : '—');

/** An ISO instant as the value of a datetime-local field (Italian time), and back. */
const perCampo = (v: unknown) => {
  if (!v) return '';
  const d = new Date(String(v));
  const parti = Object.fromEntries(
    new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  return `${parti.year}-${parti.month}-${parti.day}T${parti.hour}:${parti.minute}`;
};
const daCampo = (v: string) => {
  if (!v) return undefined;
  // The field is Italian local time: find the offset of that moment in Europe/Rome.
  const comeUtc = new Date(`${v}:00Z`);
  const roma = new Date(comeUtc.toLocaleString('en-US', { timeZone: 'Europe/Rome' }));
  const utc = new Date(comeUtc.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(comeUtc.getTime() - (roma.getTime() - utc.getTime())).toISOString().replace('.000Z', 'Z');
};

/** One labelled value of a read-only view (the START screens' "Etichetta: valore"). */
function Voce({ etichetta, children, testId }: { etichetta: string; children: ReactNode; testId?: string }) {
  return (
    <div className="col-md-6 mb-2">
      <dt className="small text-uppercase">{etichetta}</dt>
      <dd className="mb-0" data-testid={testId}>{children}</dd>
    </div>
  );
}

const PROCEDURE: Record<string, string> = {
  AFFIDAMENTO_DIRETTO: 'Affidamento diretto',
  APERTA: 'Procedura aperta',
  RISTRETTA: 'Procedura ristretta',
  NEGOZIATA: 'Procedura negoziata',
};
const euro = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : Number(v).toLocaleString('it-IT', { style: 'currency', currency: 'EUR' }));

/** DATI DI GARA, read-only: the request's header as the START screens show it, then its dati di gara. */
export function SchedaProcedura({ appalto }: { appalto: Dati }) {
  const date = (appalto.date as Dati | undefined) ?? {};
  const dati = (appalto.datiGara as Dati | undefined) ?? {};
  const persona = (p: unknown) => (p ? String((p as Dati).nome ?? '') : '—');
  return (
    <>
      <h2 className="h5">Dettagli</h2>
      <dl className="row">
        <Voce etichetta="ID Appalto">{String(appalto.id ?? '')}</Voce>
        <Voce etichetta="Stato">{STATI[String(appalto.stato)] ?? String(appalto.stato ?? '')}</Voce>
        <Voce etichetta="Tipologia procedura">{PROCEDURE[String(appalto.tipoProcedura)] ?? String(appalto.tipoProcedura ?? '')} (scheda {String(appalto.scheda ?? '')})</Voce>
        <Voce etichetta="Importo complessivo di gara">{euro(appalto.importoComplessivo)}</Voce>
        <Voce etichetta="Stazione appaltante">{String((appalto.stazioneAppaltante as Dati | undefined)?.denominazione ?? '—')}</Voce>
        <Voce etichetta="Responsabile unico">{persona(appalto.rup)}</Voce>
        <Voce etichetta="Creato da">{persona(appalto.creatoDa)}</Voce>
        <Voce etichetta="Data creazione">{dataOra(date.creatoIl)}</Voce>
        <Voce etichetta="Data invio richiesta">{dataOra(date.inviatoIl)}</Voce>
        <Voce etichetta="Data ultima modifica">{dataOra(date.modificatoIl)}</Voce>
      </dl>
      <h2 className="h5">Dati di gara</h2>
      <dl className="row">
        <Voce etichetta="Oggetto">{String(dati.oggetto ?? '—')}</Voce>
        <Voce etichetta="Settore">{dati.settore === 'SPECIALE' ? 'Speciale' : 'Ordinario'}</Voce>
        <Voce etichetta="Oggetto principale del contratto">{String(dati.oggettoPrincipale ?? '—')}</Voce>
        {dati.cup ? <Voce etichetta="CUP">{String(dati.cup)}</Voce> : null}
        {dati.idProcedura ? <Voce etichetta="Procedura collegata">{String(dati.idProcedura)}</Voce> : null}
        {dati.scadenzaPresentazioneOfferte ? <Voce etichetta="Scadenza presentazione offerte">{dataOra(dati.scadenzaPresentazioneOfferte)}</Voce> : null}
        {dati.scadenzaPresentazioneInvito ? <Voce etichetta="Scadenza domande di partecipazione">{dataOra(dati.scadenzaPresentazioneInvito)}</Voce> : null}
        {dati.urlDocumenti ? <Voce etichetta="URL documenti di gara">{String(dati.urlDocumenti)}</Voce> : null}
        <Voce etichetta="Esecuzione in urgenza">{dati.urgenza ? 'Sì' : 'No'}</Voce>
      </dl>
    </>
  );
}

/**
 * PERFEZIONAMENTO: PCP CIGs are born perfected (manuale START Richiedi CIG) and become available at the
 * publication of the avviso (open, restricted, negotiated procedures) or at the end of a direct award.
 * Read-only: the dates of the request, the avviso, each lot's CIG and those replaced by a change of the
 * avviso. The avviso's data are editable while the service allows a modifica-avviso (awaiting publication).
 */
export function Perfezionamento({ id, appalto, azioni, onFatto }: { id: string; appalto: Dati; azioni: Azioni; onFatto: (messaggio: string) => Promise<void> }) {
  const date = (appalto.date as Dati | undefined) ?? {};
  const dati = (appalto.datiGara as Dati | undefined) ?? {};
  const lotti = (appalto.lotti as Dati[] | undefined) ?? [];
  const sostituiti = (appalto.cigSostituiti as Array<{ lotIdentifier: string; cig: string }> | undefined) ?? [];
  const eliminazione = appalto.eliminazioneAnacPrevista as { il: string; giorniRimanenti: number } | null | undefined;
  const disponibili = appalto.cigDisponibili === true;
  const aperta = appalto.tipoProcedura !== 'AFFIDAMENTO_DIRETTO';
  const modificabile = azioni.modificaAvviso?.consentita === true;
  const campoScadenza = appalto.tipoProcedura === 'APERTA' ? 'scadenzaPresentazioneOfferte' : 'scadenzaPresentazioneInvito';
  const etichettaScadenza = appalto.tipoProcedura === 'APERTA' ? 'Scadenza presentazione offerte' : 'Scadenza domande di partecipazione';
  const iniziali = () => ({ oggetto: String(dati.oggetto ?? ''), scadenza: perCampo(dati[campoScadenza]), urlDocumenti: String(dati.urlDocumenti ?? '') });
  const [avviso, setAvviso] = useState(iniziali);
  const [conferma, setConferma] = useState(false);
  const voce = (etichetta: string, valore: ReactNode, testId?: string) => <Voce etichetta={etichetta} testId={testId}>{valore}</Voce>;
  return (
    <div>
      <h2 className="h5">Perfezionamento</h2>
      <p className="small">
        {aperta
          ? "I CIG sono emessi da ANAC già perfezionati e diventano disponibili alla pubblicazione dell'avviso."
          : "I CIG sono emessi da ANAC già perfezionati e sono disponibili al termine dell'affidamento."}
      </p>
      <dl className="row">
        {voce('Stato', STATI[String(appalto.stato)] ?? String(appalto.stato ?? ''), 'perfezionamento-stato')}
        {voce('Stato della richiesta', String(appalto.statoRichiesta ?? ''), 'perfezionamento-stato-richiesta')}
        {voce('ID Appalto ANAC', String(appalto.idAppaltoAnac ?? '—'))}
        {voce('ID avviso', String(appalto.idAvviso ?? '—'), 'perfezionamento-id-avviso')}
        {voce('Data invio richiesta', dataOra(date.inviatoIl))}
        {voce('Data conferma', dataOra(date.confermatoIl))}
        {aperta && voce('Data pubblicazione', dataOra(date.pubblicatoIl), 'perfezionamento-data-pubblicazione')}
        {voce('CIG disponibili', disponibili ? 'Sì' : 'No', 'perfezionamento-cig-disponibili')}
        {eliminazione && voce('Eliminazione da parte di ANAC se non pubblicato', `${giorno(eliminazione.il)} (tra ${eliminazione.giorniRimanenti} giorni)`)}
      </dl>
      <table className="table">
        <caption className="visually-hidden">CIG dei lotti</caption>
        <thead>
          <tr><th scope="col">Lotto</th><th scope="col">Oggetto lotto</th><th scope="col">CIG</th><th scope="col">Perfezionato</th></tr>
        </thead>
        <tbody>
          {lotti.map((l) => (
            <tr key={String(l.lotIdentifier)}>
              <td>{String(l.lotIdentifier)}</td>
              <td>{String(l.oggetto ?? '')}</td>
              <td data-testid={`perfezionamento-cig-${String(l.lotIdentifier)}`}>{l.cig ? String(l.cig) : '—'}</td>
              <td>{l.cig && !String(l.cig).includes(' ') ? (disponibili ? 'Sì, disponibile' : 'Sì, non ancora disponibile') : 'No'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {sostituiti.length > 0 && (
        <>
          <h3 className="h6">CIG sostituiti dalla modifica dell&apos;avviso</h3>
          <table className="table" data-testid="cig-sostituiti">
            <caption className="visually-hidden">CIG sostituiti</caption>
            <thead><tr><th scope="col">Lotto</th><th scope="col">CIG sostituito</th></tr></thead>
            <tbody>
              {sostituiti.map((s) => <tr key={s.cig}><td>{s.lotIdentifier}</td><td>{s.cig}</td></tr>)}
            </tbody>
          </table>
        </>
      )}
      {aperta && (
        <form
          aria-labelledby="titolo-avviso"
          className="border p-3"
          onSubmit={(e) => {
            e.preventDefault();
            setConferma(true);
          }}
        >
          <h3 id="titolo-avviso" className="h6">Dati dell&apos;avviso</h3>
          {modificabile ? (
            <p className="small">L&apos;avviso è in attesa di pubblicazione: si può modificare. ANAC sostituirà il CIG di ogni lotto.</p>
          ) : (
            <p className="small" data-testid="avviso-non-modificabile">{azioni.modificaAvviso?.perche ?? "L'avviso non si può modificare ora."}</p>
          )}
          <div className="row">
            <div className="col-md-12 mb-3">
              <label htmlFor="avviso-oggetto" className="form-label active">Oggetto</label>
              <input id="avviso-oggetto" className="form-control" value={avviso.oggetto} readOnly={!modificabile} required maxLength={2000} onChange={(e) => setAvviso({ ...avviso, oggetto: e.target.value })} />
            </div>
            <div className="col-md-6 mb-3">
              <label htmlFor="avviso-scadenza" className="form-label active">{etichettaScadenza}</label>
              <input id="avviso-scadenza" type="datetime-local" className="form-control" value={avviso.scadenza} readOnly={!modificabile} onChange={(e) => setAvviso({ ...avviso, scadenza: e.target.value })} />
            </div>
            <div className="col-md-6 mb-3">
              <label htmlFor="avviso-url" className="form-label active">URL documenti di gara</label>
              <input id="avviso-url" type="url" className="form-control" value={avviso.urlDocumenti} readOnly={!modificabile} placeholder="https://" onChange={(e) => setAvviso({ ...avviso, urlDocumenti: e.target.value })} />
            </div>
          </div>
          {modificabile && <button type="submit" className="btn btn-primary">MODIFICA AVVISO</button>}
        </form>
      )}
      {aperta && (
        <DialogoConferma
          titolo="Modificare l'avviso?"
          conferma="CONFERMA LA MODIFICA"
          aperto={conferma}
          onAnnulla={() => setConferma(false)}
          onConferma={async () => {
            const scadenza = daCampo(avviso.scadenza);
            // The appalto's dati di gara as read (GET /appalti/{id} describes them only as an object), sent back
            // with the notice's fields changed: the service validates them as DatiGaraDto.
            const { oggetto: _o, urlDocumenti: _u, [campoScadenza]: _s, ...resto } = dati as DatiGara;
            await api.modificaAvviso(id, {
              ...resto,
              oggetto: avviso.oggetto.trim(),
              ...(scadenza ? { [campoScadenza]: scadenza } : {}),
              ...(avviso.urlDocumenti.trim() ? { urlDocumenti: avviso.urlDocumenti.trim() } : {}),
            });
            setConferma(false);
            await onFatto("Modifica dell'avviso richiesta ad ANAC: i nuovi CIG dei lotti arriveranno in questa pagina.");
          }}
        >
          <p>L&apos;avviso non ancora pubblicato è sostituito: ANAC rilascia un nuovo CIG per ogni lotto e i CIG attuali non saranno più validi.</p>
        </DialogoConferma>
      )}
    </div>
  );
}
