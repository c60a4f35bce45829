/**
 * The contract of the HTTP API, completed after Nest has described the routes: every operation gets its
 * success schema, its problem+json answers (RFC 9457, the shape of libs/platform's ProblemDocument),
 * typed query parameters and its media types (CSV, PDF, PEM, Prometheus text). A route whose controller
 * declares its answers with response DTOs (@ApiOkResponse, @ApiAcceptedResponse: the listing, a CIG's
 * history, carnets, the directory, the audit page, verification and proofs) keeps them: it has no entry
 * in SUCCESSI. test/contratto-openapi.e2e-spec.ts walks Nest's router and fails when a route is missing
 * from the document, lacks a 2xx schema or its problem answers, or a 2xx schema has an object without
 * properties.
 */
import type { OpenAPIObject } from '@nestjs/swagger';
import { FATTISPECIE_SMARTCIG, FORMATO_DUE_DECIMALI, FORMATO_IMPORTO, PROCEDURE_SMARTCIG } from '#domain';
import { OGGETTI } from '../anac-simog/campi.js';

type Schema = Record<string, unknown>;
type Operazione = { parameters?: Array<Record<string, any>>; responses?: Record<string, any>; requestBody?: unknown; 'x-permesso'?: string; [k: string]: unknown };

const PROBLEM = 'application/problem+json';
const ref = (nome: string): Schema => ({ $ref: `#/components/schemas/${nome}` });
const oggetto = (properties: Record<string, Schema>, required: string[] = [], descrizione?: string): Schema => ({
  type: 'object',
  properties,
  ...(required.length ? { required } : {}),
  additionalProperties: true,
  ...(descrizione ? { description: descrizione } : {}),
});
const s = (type: string, extra: Schema = {}): Schema => ({ type, ...extra });
const lista = (items: Schema): Schema => ({ type: 'array', items });
const oNull = (schema: Schema): Schema => (schema.$ref ? { allOf: [schema], nullable: true } : { ...schema, nullable: true });
const DATA_ORA = s('string', { format: 'date-time' });
const IMPORTO = s('string', { pattern: FORMATO_DUE_DECIMALI.source, example: '1250.00', description: 'Euro con due decimali' });
const PERSONA = oggetto({ userId: s('string'), nome: s('string'), codiceFiscale: s('string', { example: 'RSSMRA80A01H501U' }) }, ['userId', 'nome', 'codiceFiscale']);
const ERRORE_ANAC = oggetto({ codice: s('string'), descrizione: s('string'), dettaglio: s('string') }, ['codice', 'descrizione'], 'Un errore di ANAC: codice, descrizione in italiano, dettaglio');
const OPERAZIONE_ANAC = s('string', { enum: ['CONFERMA', 'PUBBLICAZIONE', 'MODIFICA_AVVISO', 'CANCELLAZIONE', 'VERIFICA'] });
const IMPORTO_DECIMALE = s('string', { pattern: FORMATO_IMPORTO.source, example: '4999.99', description: 'Euro, al più due decimali' });
const OGGETTO_PRINCIPALE = s('string', { enum: [...OGGETTI] });
const CODICE_CIG = s('string', { pattern: '^[0-9A-Z]{10}$', example: 'A01B2C3D4E' });
const REGIME = s('string', { enum: ['PCP', 'SIMOG', 'SMARTCIG'] });
const STATO_CIG = s('string', { enum: ['ASSEGNATO', 'PERFEZIONATO', 'SOSTITUITO', 'CANCELLATO', 'ANNULLATO', 'SCADUTO'] });
const STAZIONE_APPALTANTE = oggetto({ codiceFiscale: s('string'), denominazione: s('string'), codiceAusa: s('string') }, ['codiceFiscale', 'denominazione']);
const CENTRO_DI_COSTO = oggetto({ codice: s('string'), denominazione: s('string') }, ['codice', 'denominazione']);
const RICHIESTA_CIG = oggetto(
  {
    stazioneAppaltante: STAZIONE_APPALTANTE, centroDiCosto: CENTRO_DI_COSTO, ufficio: s('string'), rup: PERSONA, creatoDa: PERSONA,
    oggettoProcedura: s('string', { description: 'Oggetto della gara (SIMOG) o del contratto (SmartCIG)' }),
    oggetto: s('string', { description: 'Oggetto del lotto (SIMOG) o del contratto (SmartCIG)' }),
    importo: IMPORTO_DECIMALE, numeroGara: s('string'), origine: s('string', { enum: ['ANAC', 'MANUALE'] }),
    perfezionareEntro: s('string', { format: 'date-time', description: 'SIMOG: entro quando perfezionarlo, altrimenti scade' }),
  },
  ['stazioneAppaltante', 'centroDiCosto', 'ufficio', 'rup', 'creatoDa', 'oggettoProcedura', 'oggetto', 'importo', 'origine'],
  'Per chi e per che cosa è un CIG senza appalto PCP (lotto SIMOG, SmartCIG, registrato a mano)',
);
/** The text columns of ANAC's `cig` dataset an imported CIG keeps (libs/domain DatiImportati). */
const COLONNE_IMPORTATE = [
  'numeroGara', 'oggettoGara', 'oggettoLotto', 'oggettoPrincipaleContratto', 'stato', 'settore', 'luogoIstat', 'provincia', 'dataPubblicazione',
  'dataScadenzaOfferta', 'codTipoSceltaContraente', 'tipoSceltaContraente', 'codiceAusa', 'cfAmministrazioneAppaltante',
  'denominazioneAmministrazioneAppaltante', 'idCentroCosto', 'denominazioneCentroCosto', 'codCpv', 'descrizioneCpv', 'cigAccordoQuadro',
  'codMotivoCancellazione', 'dataCancellazione', 'dataUltimoPerfezionamento', 'flagUrgenza', 'codEsito', 'esito',
] as const;
const DATI_SMART_CIG = oggetto(
  {
    fattispecie: s('string', { enum: [...FATTISPECIE_SMARTCIG] }), importo: IMPORTO_DECIMALE, oggetto: s('string'), procedura: s('string', { enum: [...PROCEDURE_SMARTCIG] }),
    oggettoPrincipale: OGGETTO_PRINCIPALE,
    cigAccordoQuadro: s('string', { description: 'Per un CIG derivato: il CIG dell’accordo quadro' }), cup: s('string', { pattern: '^[0-9A-Z]{15}$' }),
  },
  ['fattispecie', 'importo', 'oggetto', 'procedura', 'oggettoPrincipale'],
  'I dati comunicati di un SmartCIG (nota SMART CIG 2011)',
);
const AZIONE = oggetto({ consentita: s('boolean'), perche: s('string', { description: 'Perché non è consentita ora' }) }, ['consentita']);

/** The shared schemas: the problem document and the answers many operations share. */
const SCHEMI: Record<string, Schema> = {
  ProblemaCampo: oggetto(
    {
      sezione: s('string', { description: 'Sezione della richiesta (dati di gara, classificazione, lotti, …)', example: 'dati di gara' }),
      campo: s('string', { description: 'Percorso del campo, es. `lotti[0].importo` o `query.dataInvioDa`', example: 'oggetto' }),
      messaggio: s('string', { example: 'obbligatorio' }),
      codice: s('string', { example: 'OBBLIGATORIO' }),
    },
    ['campo', 'messaggio'],
  ),
  Problema: oggetto(
    {
      type: s('string', { example: 'urn:cig-ledger:problem:validation-failed' }),
      title: s('string', { example: 'Richiesta non valida' }),
      status: s('integer', { example: 400 }),
      detail: s('string', { description: 'In italiano', example: 'Alcuni campi non sono validi' }),
      instance: s('string', { example: '/appalti' }),
      code: s('string', { description: 'Codice stabile, per le macchine', example: 'VALIDATION_FAILED' }),
      errors: lista(ref('ProblemaCampo')),
    },
    ['type', 'title', 'status', 'code'],
    'RFC 9457 problem details',
  ),
  Posizione: oggetto({ posizione: { oneOf: [s('string'), s('integer')], description: 'Posizione nel registro degli eventi dopo il comando' } }, ['posizione']),
  Comando: oggetto(
    {
      posizione: { oneOf: [s('string'), s('integer')] },
      id: s('string'),
      stato: s('string'),
      revisione: s('integer', { description: 'Revisione della richiesta PCP dopo il comando: come `dopoRevisione` di GET /appalti/{id}, per seguirla senza rileggerla prima' }),
    },
    [],
    'Esito di un comando: la posizione nel registro e, secondo il comando, l’identificativo e lo stato',
  ),
  Appalto: oggetto(
    {
      id: s('string', { format: 'uuid' }),
      regime: REGIME,
      scheda: s('string', { enum: ['AD5', 'AD3', 'P2_16', 'P1_16', 'P5'] }),
      tipoProcedura: s('string', { enum: ['AFFIDAMENTO_DIRETTO', 'APERTA', 'RISTRETTA', 'NEGOZIATA'] }),
      stato: s('string', { enum: ['BOZZA', 'IN_LAV', 'CONF', 'IN_ATT_PUBB', 'PUBB', 'CANC', 'IN_STOP_PUBB'], description: 'Stato dell’appalto presso ANAC (PCP)' }),
      statoRichiesta: s('string', { enum: ['Bozza', 'Richiesta', 'Perfezionata', 'Annullata', 'Scaduta'] }),
      stazioneAppaltante: { ...STAZIONE_APPALTANTE, required: ['codiceFiscale', 'denominazione', 'codiceAusa'] },
      centroDiCosto: CENTRO_DI_COSTO,
      ufficio: s('string'),
      rup: PERSONA,
      creatoDa: PERSONA,
      datiGara: ref('DatiGaraDto'),
      importoComplessivo: IMPORTO,
      classificazione: lista(oggetto({ codice: s('string', { example: '30192000-1' }), principale: s('boolean') }, ['codice'])),
      idProcedura: oNull(s('string')),
      idAppaltoAnac: oNull(s('string')),
      idAvviso: oNull(s('string')),
      cigDisponibili: s('boolean', { description: 'I CIG si possono usare: affidamento diretto confermato, o avviso pubblicato' }),
      lotti: lista({ allOf: [ref('LottoDto'), oggetto({ lotIdentifier: s('string', { example: 'LOT-0001' }), cig: oNull(s('string', { description: 'Il CIG, "CIG in fase di acquisizione" mentre ANAC non risponde, null prima' })) }, ['lotIdentifier', 'cig'])] }),
      cigSostituiti: lista(oggetto({ lotIdentifier: s('string'), cig: s('string') }, ['lotIdentifier', 'cig'])),
      ritiro: oNull(oggetto({ motivo: s('string'), richiestaId: s('string'), richiestoDa: PERSONA, il: DATA_ORA, descrizione: s('string') }, ['motivo', 'richiestoDa', 'il'])),
      motivoCancellazione: oNull(s('string')),
      operazioneInCorso: oNull(oggetto({ operazione: OPERAZIONE_ANAC, richiestaId: s('string'), dal: DATA_ORA, motivo: s('string'), passo: oNull(s('string')), descrizioneAttesa: oNull(s('string')), allarme: s('boolean') }, ['operazione'], 'L’operazione con ANAC che blocca la richiesta, o l’ultima ancora attesa')),
      attese: lista(oggetto(
        {
          operazione: OPERAZIONE_ANAC, richiestaId: s('string'), dal: DATA_ORA, passo: s('string'), ultimoMessaggio: oNull(s('string')), inAttesaAnacDal: oNull(DATA_ORA),
          inAttesaAnacDaMinuti: oNull(s('integer')), inAttesaAnacDaOre: oNull(s('integer')), descrizioneAttesa: oNull(s('string', { example: 'in attesa ANAC da 2 h 10 min' })),
          allarme: s('boolean', { description: 'L’attesa ha superato ANAC_ATTESA_ALLARME' }), prossimoTentativo: DATA_ORA,
        },
        ['operazione', 'richiestaId', 'dal', 'passo', 'allarme'],
      )),
      ultimoEsitoAnac: oNull(oggetto({ operazione: OPERAZIONE_ANAC, errori: lista(ERRORE_ANAC), il: DATA_ORA }, ['operazione', 'errori', 'il'])),
      verifica: oNull(oggetto({ esito: s('string', { enum: ['OK', 'KO'] }), problemi: lista(ref('ProblemaCampo')), il: DATA_ORA, regole: s('string', { description: 'Le regole di ANAC usate' }) }, ['esito', 'problemi', 'il'])),
      verificaAnac: oNull(oggetto({ richiestaId: s('string'), esito: s('string', { enum: ['IN_CORSO', 'OK', 'KO'] }), errori: lista(ERRORE_ANAC) }, ['esito', 'errori'])),
      eliminazioneAnacPrevista: oNull(oggetto({ il: DATA_ORA, giorniRimanenti: s('integer', { minimum: 0 }) }, ['il', 'giorniRimanenti'], 'ANAC elimina un appalto confermato e non pubblicato dopo 90 giorni')),
      date: oggetto({ creatoIl: DATA_ORA, modificatoIl: DATA_ORA, inviatoIl: oNull(DATA_ORA), confermatoIl: oNull(DATA_ORA), pubblicatoIl: oNull(DATA_ORA) }, ['creatoIl', 'modificatoIl']),
      azioni: oggetto({ ritiro: AZIONE, cancellazione: AZIONE, pubblicazione: AZIONE, modificaAvviso: AZIONE }, ['ritiro', 'cancellazione', 'pubblicazione', 'modificaAvviso'], 'Le azioni che chi chiama può fare ora'),
      revisione: s('integer', { minimum: 0, description: 'La revisione della richiesta (il numero del suo ultimo evento, da 0): da dare come dopoRevisione per attendere il prossimo cambiamento' }),
    },
    [
      'id', 'regime', 'scheda', 'tipoProcedura', 'stato', 'statoRichiesta', 'stazioneAppaltante', 'centroDiCosto', 'ufficio', 'rup', 'creatoDa', 'datiGara', 'importoComplessivo',
      'classificazione', 'idProcedura', 'idAppaltoAnac', 'idAvviso', 'cigDisponibili', 'lotti', 'cigSostituiti', 'ritiro', 'motivoCancellazione', 'operazioneInCorso', 'attese',
      'ultimoEsitoAnac', 'verifica', 'verificaAnac', 'eliminazioneAnacPrevista', 'date', 'azioni', 'revisione',
    ],
    'Un appalto PCP con le sue pratiche ANAC',
  ),
  Trasmissione: oggetto(
    {
      dataTrasmissione: DATA_ORA,
      contesto: s('string', { example: 'Conferma Appalto', description: 'Il servizio di ANAC chiamato, come lo nomina il LOG TRASMISSIONI' }),
      messaggio: s('string', { example: 'OK', description: 'Esito: OK, KO, o l’errore di trasporto' }),
      descrizione: s('string'),
      operazione: s('string', { example: 'conferma-appalto' }),
      httpStatus: oNull(s('integer')),
      requestId: s('string'),
      durataMs: s('integer', { minimum: 0 }),
      tentativo: s('integer', { minimum: 1, description: 'Numero del tentativo di questa operazione nella pratica (PCP)' }),
      perContoDi: s('string', { description: 'Codice fiscale del RUP per cui si chiama ANAC' }),
      messageId: oNull(s('string')),
      transactionId: oNull(s('string')),
      servizio: s('string', { description: 'SIMOG e SmartCIG: il servizio chiamato' }),
      errori: lista(oggetto({ codice: s('string'), descrizione: s('string'), dettaglio: s('string') })),
      richiesta: { description: 'Il messaggio inviato ad ANAC, così com’è (JSON di ANAC)' },
      risposta: { description: 'La risposta di ANAC, così com’è (JSON di ANAC)' },
    },
    ['dataTrasmissione', 'contesto', 'messaggio', 'descrizione', 'operazione', 'requestId', 'durataMs', 'perContoDi', 'errori'],
    'Uno scambio con ANAC (LOG TRASMISSIONI)',
  ),
  Cig: {
    oneOf: [ref('CigDelRegistro'), ref('CigDelCarnet')],
    description: 'Un CIG di qualsiasi regime: dal suo registro di eventi (PCP, SIMOG, SmartCIG singolo, registrato a mano, importato) o un codice di un carnet',
  },
  CigDelRegistro: oggetto(
    {
      cig: CODICE_CIG,
      regime: REGIME,
      appaltoId: s('string', { description: 'L’appalto PCP, la gara SIMOG o la richiesta SmartCIG del codice' }),
      lotIdentifier: s('string'),
      idAppaltoAnac: s('string'),
      sostituisce: s('string', { description: 'Il CIG che questo sostituisce (modifica avviso)' }),
      stato: STATO_CIG,
      perfezionato: s('boolean', { description: 'Se è mai stato perfezionato (resta vero dopo la sostituzione o la cancellazione)' }),
      assegnatoIl: DATA_ORA,
      perfezionatoIl: DATA_ORA,
      utilizzo: oggetto({ idProcedura: s('string'), idContratto: s('string'), il: DATA_ORA }, ['il']),
      sostituitoDa: s('string'),
      motivoCancellazione: s('string'),
      codiceMotivoCancellazione: s('integer', { enum: [1, 2, 3, 4] }),
      richiesta: RICHIESTA_CIG,
      pubblicazione: oggetto({ dataPubblicazione: s('string', { format: 'date' }), estremi: s('string'), scadenzaOfferte: DATA_ORA }, ['dataPubblicazione'], 'I dati di pubblicazione che perfezionano un CIG SIMOG'),
      datiSmartCig: DATI_SMART_CIG,
      annullamento: oggetto(
        { stato: s('string', { enum: ['RICHIESTO', 'ACCOLTO', 'RESPINTO'] }), motivazione: s('string'), documentoIdentitaRup: s('string'), protocollo: s('string'), richiestoIl: DATA_ORA, esitoIl: DATA_ORA, motivoRifiuto: s('string') },
        ['stato', 'motivazione', 'richiestoIl'],
      ),
      scadutoIl: DATA_ORA,
      importato: oggetto(
        {
          ...Object.fromEntries(COLONNE_IMPORTATE.map((c) => [c, s('string')])),
          importoComplessivoGara: IMPORTO_DECIMALE, importoLotto: IMPORTO_DECIMALE, importoSicurezza: IMPORTO_DECIMALE, nLottiComponenti: s('integer'),
          ufficio: s('string', { description: 'L’ufficio della piattaforma a cui i CIG importati sono mostrati' }),
          origine: oggetto({ file: s('string'), riga: s('integer') }, ['file', 'riga']),
        },
        ['ufficio', 'origine'],
        'La riga degli open data di ANAC (dataset `cig`) da cui è stato importato: le sue colonne, normalizzate, e la sua origine',
      ),
      appalto: oggetto({ id: s('string'), oggetto: s('string'), stato: s('string') }, ['id', 'oggetto', 'stato'], 'L’appalto PCP del CIG (solo in GET /cig/{cig})'),
    },
    ['cig', 'regime', 'appaltoId', 'lotIdentifier', 'stato', 'perfezionato', 'assegnatoIl'],
  ),
  CigDelCarnet: oggetto(
    {
      cig: CODICE_CIG,
      regime: s('string', { enum: ['SMARTCIG'] }),
      modalita: s('string', { enum: ['CARNET'] }),
      stato: s('string', { enum: ['NON_RENDICONTATO', 'COMUNICATO', 'ANNULLATO'] }),
      descrizioneStato: s('string'),
      dati: DATI_SMART_CIG,
      rendicontatoIl: DATA_ORA,
      tardiva: s('boolean', { description: 'Comunicato dopo il termine di rendicontazione' }),
      carnet: oggetto({ numero: s('string'), stato: s('string'), rilasciatoIl: DATA_ORA, scadenzaIl: DATA_ORA, termineRendicontazione: DATA_ORA }, ['numero', 'stato', 'rilasciatoIl', 'scadenzaIl', 'termineRendicontazione']),
      richiesta: oggetto({ stazioneAppaltante: STAZIONE_APPALTANTE, centroDiCosto: CENTRO_DI_COSTO, ufficio: s('string'), rup: PERSONA, richiestoDa: PERSONA }, ['stazioneAppaltante', 'centroDiCosto', 'ufficio', 'rup', 'richiestoDa']),
    },
    ['cig', 'regime', 'modalita', 'stato', 'descrizioneStato', 'tardiva', 'carnet', 'richiesta'],
  ),
  UtenteSviluppo: oggetto({ userId: s('string'), nome: s('string'), ruoli: lista(s('string')), ufficio: s('string') }, ['userId', 'nome', 'ruoli', 'ufficio']),
  GaraSimog: oggetto(
    {
      id: s('string', { format: 'uuid' }),
      numeroGara: s('string', { description: 'Numero gara assegnato da SIMOG' }),
      oggetto: s('string'),
      stato: s('string', { enum: ['ATTIVA', 'CANCELLATA'] }),
      creataIl: DATA_ORA,
      lotti: lista(oggetto(
        {
          lotIdentifier: s('string'), cig: s('string'), oggetto: s('string'), importo: IMPORTO_DECIMALE, oggettoPrincipale: OGGETTO_PRINCIPALE, cpv: s('string'),
          statoCig: oNull(STATO_CIG),
          perfezionareEntro: oNull(s('string', { description: 'Termine per il perfezionamento' })),
          annullamento: oNull(oggetto({ stato: s('string', { enum: ['RICHIESTO', 'ACCOLTO', 'RESPINTO'] }), motivazione: s('string'), richiestoIl: DATA_ORA, esitoIl: DATA_ORA, motivoRifiuto: s('string') }, ['stato'])),
        },
        ['lotIdentifier', 'cig', 'oggetto', 'importo'],
      )),
    },
    ['id', 'stato', 'lotti'],
    'Una gara SIMOG con i suoi lotti e i loro CIG',
  ),
  SmartCig: { allOf: [ref('CigDelRegistro'), oggetto({ dati: oNull(DATI_SMART_CIG) }, ['dati'])], description: 'Un SmartCIG singolo: il suo stato e i dati comunicati (null finché non comunicati)' },
  Proiezione: oggetto({ nome: s('string'), posizione: { oneOf: [s('string'), s('integer')], nullable: true }, attiva: s('boolean'), allineata: s('boolean'), ricostruzione: oNull(ref('Ricostruzione')) }),
  Ricostruzione: oggetto(
    {
      nome: s('string'),
      fase: s('string', { enum: ['preparazione', 'riproduzione', 'indici', 'allineamento', 'scambio', 'completata', 'fallita'] }),
      eventi: s('integer', { minimum: 0 }),
      frazione: s('number', { minimum: 0, maximum: 1 }),
      eventiAlSecondo: s('number', { minimum: 0 }),
      etaSecondi: oNull(s('number', { description: 'Secondi stimati (solo in riproduzione)' })),
      durataMs: s('integer', { minimum: 0 }),
      errore: s('string'),
    },
    ['nome', 'fase', 'eventi', 'frazione', 'eventiAlSecondo', 'etaSecondi', 'durataMs'],
    'Avanzamento della ricostruzione di una proiezione su questa istanza',
  ),
  VerificaRegistrata: oggetto(
    {
      id: s('string', { format: 'uuid' }),
      stato: s('string', { enum: ['IN_CORSO', 'CONCLUSA', 'FALLITA'] }),
      avviataIl: s('string', { format: 'date-time' }),
      avviataDa: { type: 'string', nullable: true, description: "userId di chi l'ha avviata (null: non registrato)" },
      conclusaIl: { type: 'string', format: 'date-time', nullable: true },
      recordControllati: s('integer'),
      recordTotali: s('integer'),
      integra: { type: 'boolean', nullable: true, description: 'Esito di una verifica conclusa: registro integro o no; null altrimenti' },
      problema: { ...oggetto({ tipo: s('string'), seq: s('string'), eventId: { type: 'string', nullable: true }, dettaglio: s('string') }), nullable: true, description: 'Il primo record alterato, inserito o eliminato' },
      errore: { type: 'string', nullable: true, description: 'Perché una verifica FALLITA non si è conclusa' },
    },
    ['id', 'stato', 'avviataIl', 'avviataDa', 'conclusaIl', 'integra'],
    'Una verifica del registro di audit',
  ),
  StatoAudit: oggetto(
    {
      record: s('string', { description: 'Record nel registro (decimale)', example: '1250' }),
      ultimaTesta: {
        ...oggetto({ dimensione: s('string'), timestamp: { type: 'string', nullable: true }, chiave: s('string') }, ['dimensione', 'timestamp', 'chiave']),
        nullable: true,
        description: "L'ultima testa firmata (GET /audit/sth per radice e firma); null se non ce n'è ancora una",
      },
      ultimoCheckpoint: {
        ...oggetto({ seq: s('string'), registratoIl: { type: 'string', format: 'date-time', nullable: true }, chiave: s('string') }, ['seq', 'registratoIl', 'chiave']),
        nullable: true,
        description: "L'ultimo checkpoint firmato della catena di hash",
      },
      ultimaVerifica: { allOf: [ref('VerificaRegistrata')], nullable: true, description: "L'ultima verifica terminata (conclusa o fallita)" },
      verificaInCorso: { allOf: [ref('VerificaRegistrata')], nullable: true },
    },
    ['record', 'ultimaTesta', 'ultimoCheckpoint', 'ultimaVerifica', 'verificaInCorso'],
    'Stato del registro di audit',
  ),
  TestaFirmata: oggetto(
    {
      formato: s('string', { example: 'cig-ledger/audit-sth/v1' }),
      dimensione: s('string', { description: 'Record coperti (decimale)', example: '1000' }),
      radice: s('string', { description: 'Radice Merkle RFC 9162, esadecimale', pattern: '^[0-9a-f]{64}$' }),
      timestamp: { type: 'string', nullable: true, description: "Istante di registrazione dell'ultimo record coperto" },
      chiave: s('string', { description: 'Id della chiave: prime 16 cifre esadecimali dello SHA-256 della chiave pubblica (SPKI DER)' }),
      firma: s('string', { description: 'Firma Ed25519 (base64) della testa in JSON canonico' }),
    },
    ['dimensione', 'radice', 'chiave', 'firma'],
    'Testa firmata del registro di audit (docs/audit.md)',
  ),
  Controfirma: oggetto(
    {
      testimone: s('string', { description: 'Indirizzo del testimone (AUDIT_TESTIMONI)' }),
      chiave: s('string', { description: 'Id della chiave Ed25519 del testimone' }),
      firma: s('string', { description: 'Controfirma Ed25519 (base64) di {formato: cig-ledger/audit-sth-testimone/v1, testimone, testa} in JSON canonico' }),
      ricevutaIl: s('string', { format: 'date-time' }),
    },
    ['testimone', 'chiave', 'firma', 'ricevutaIl'],
    'Controfirma di un testimone: ha verificato che la testa estende l’ultima che conserva (docs/audit.md)',
  ),
  StatoTestimone: oggetto(
    {
      testimone: s('string'),
      chiave: { type: 'string', nullable: true },
      chiavePubblica: { type: 'string', nullable: true },
      ultimaDimensioneControfirmata: { type: 'string', nullable: true },
      inAttesa: s('integer', { description: 'Teste ancora da pubblicare a questo testimone' }),
      tentativi: s('integer'),
      prossimoTentativo: { type: 'string', format: 'date-time', nullable: true },
      ultimoErrore: { type: 'string', nullable: true },
      rifiuto: { ...oggetto({ tipo: s('string'), dettaglio: s('string'), dimensione: s('string'), rilevatoIl: s('string', { format: 'date-time' }) }), nullable: true },
    },
    ['testimone', 'inAttesa', 'rifiuto'],
    'Un testimone e lo stato della pubblicazione delle teste',
  ),
  EsitoImport: oggetto(
    {
      righe: s('integer', { minimum: 0, description: 'Righe di dati lette (intestazione esclusa), anche malformate' }),
      accettate: s('integer', { minimum: 0, description: 'importate + giaPresenti' }),
      importate: s('integer', { minimum: 0 }),
      giaPresenti: s('integer', { minimum: 0, description: 'Già nel registro con gli stessi eventi: nulla scritto' }),
      scartate: s('integer', { minimum: 0 }),
      eventi: s('integer', { minimum: 0 }),
      ms: s('integer', { minimum: 0 }),
      dettaglioScartate: lista(oggetto({ riga: s('integer'), cig: s('string'), motivi: lista(s('string')) }, ['riga', 'motivi'])),
    },
    ['righe', 'accettate', 'importate', 'giaPresenti', 'scartate', 'eventi', 'dettaglioScartate'],
    'Esito dell’import del file CSV di ANAC (le prime 1.000 righe scartate con il loro numero)',
  ),
  Sottoscrizione: oggetto(
    {
      id: s('string', { format: 'uuid' }),
      url: s('string', { format: 'uri' }),
      eventi: lista(s('string')),
      ufficio: { type: 'string', nullable: true },
      descrizione: { type: 'string', nullable: true },
      attiva: s('boolean'),
      creataIl: s('string', { format: 'date-time' }),
      creataDa: s('string'),
      eliminataIl: { type: 'string', format: 'date-time', nullable: true },
    },
    ['id', 'url', 'eventi', 'attiva'],
    'Una sottoscrizione webhook (il segreto non è mai restituito)',
  ),
  ConsegneWebhook: oggetto(
    {
      sottoscrizione: ref('Sottoscrizione'),
      consegne: lista(oggetto({
        id: s('string'), eventoId: s('string', { format: 'uuid' }), tipo: s('string'), posizione: s('string'), appaltoId: { type: 'string', nullable: true },
        ripetizione: s('boolean'), stato: s('string', { enum: ['IN_ATTESA', 'CONSEGNATA', 'SCARTATA', 'ANNULLATA'] }), creataIl: s('string', { format: 'date-time' }),
        conclusaIl: { type: 'string', format: 'date-time', nullable: true }, ultimoErrore: { type: 'string', nullable: true },
        tentativi: lista(oggetto({ numero: s('integer'), il: s('string', { format: 'date-time' }), esito: s('string', { enum: ['OK', 'ERRORE'] }), statoHttp: { type: 'integer', nullable: true }, latenzaMs: s('integer'), errore: { type: 'string', nullable: true } })),
      })),
      primaDi: { type: 'string', nullable: true, description: 'Da passare come primaDi per la pagina successiva' },
    },
    ['sottoscrizione', 'consegne'],
    'Il registro delle consegne di una sottoscrizione',
  ),
  RiproduzioneWebhook: oggetto({ sottoscrizione: s('string', { format: 'uuid' }), dallaPosizione: s('string'), accodate: s('integer'), finoAllaPosizione: { type: 'string', nullable: true } }, ['accodate']),
  Ready: oggetto({ status: s('string', { enum: ['ready', 'not_ready'] }), database: s('string', { enum: ['up', 'down'] }), migrazioni: s('string'), consumatori: lista(oggetto({ nome: s('string'), attivo: s('boolean'), allineato: s('boolean'), errore: { type: 'string', nullable: true } })), info: { type: 'object', additionalProperties: oggetto({ status: s('string', { enum: ['up', 'down'] }) }) }, error: { type: 'object', additionalProperties: oggetto({ status: s('string', { enum: ['up', 'down'] }) }) }, details: { type: 'object', additionalProperties: oggetto({ status: s('string', { enum: ['up', 'down'] }) }) } }, ['status', 'database']),
};

const json = (schema: Schema, descrizione = 'OK') => ({ description: descrizione, content: { 'application/json': { schema } } });
const posizione = json(ref('Posizione'));
const comando = json(ref('Comando'));

/** The success answer of each operation, by `METHOD /path` as in the document. */
const SUCCESSI: Record<string, Record<string, unknown>> = {
  'GET /accesso/sviluppo/utenti': json(lista(ref('UtenteSviluppo')), 'Gli utenti attivi dell’anagrafica dimostrativa (404 quando il servizio usa un fornitore di identità)'),
  'POST /accesso/sviluppo': json(oggetto({ token: s('string', { description: 'JWT da usare come Bearer' }), utente: ref('UtenteSviluppo') }, ['token', 'utente']), 'Token dell’utente scelto (404 quando il servizio usa un fornitore di identità)'),
  'GET /health': json(oggetto({ status: s('string', { enum: ['ok'] }) }, ['status'])),
  'GET /ready': json(ref('Ready'), 'Pronto (503 con lo stesso corpo quando non lo è)'),
  'GET /metrics': { description: 'Metriche in formato Prometheus', content: { 'text/plain; version=0.0.4': { schema: s('string') } } },
  'GET /tipologiche/cpv': json(lista(oggetto({ codice: s('string', { pattern: '^\\d{8}$', description: 'Le otto cifre dell’elenco CPV di ANAC (senza cifra di controllo)' }), descrizione: s('string') }, ['codice', 'descrizione'])), 'Le voci CPV trovate, al più `limite`'),
  'POST /admin/anagrafica/stazioni-appaltanti': posizione,
  'POST /admin/anagrafica/centri-di-costo': posizione,
  'POST /admin/anagrafica/uffici': posizione,
  'POST /admin/anagrafica/utenti': posizione,
  'PATCH /admin/anagrafica/utenti/{userId}': posizione,
  'DELETE /admin/anagrafica/utenti/{userId}': posizione,
  'GET /cig/export.csv': { description: 'I CIG filtrati, in CSV', content: { 'text/csv': { schema: s('string') } } },
  'GET /audit/stato': json(ref('StatoAudit'), 'Stato del registro di audit'),
  'GET /audit/chiave-pubblica': {
    description: 'La chiave pubblica Ed25519',
    content: { 'application/json': { schema: oggetto({ algoritmo: s('string'), chiave: s('string'), chiavePubblica: s('string') }) }, 'application/x-pem-file': { schema: s('string') } },
  },
  'GET /audit/sth': json({ allOf: [ref('TestaFirmata'), oggetto({ controfirme: lista(ref('Controfirma')) }, ['controfirme'])] }),
  'GET /audit/testimoni': json(oggetto({ testimoni: lista(ref('StatoTestimone')) }, ['testimoni']), 'I testimoni e le loro controfirme'),
  'GET /audit/sth/chiavi': {
    description: 'Le chiavi pubbliche delle teste firmate',
    content: { 'application/json': { schema: oggetto({ algoritmo: s('string'), chiavi: lista(oggetto({ chiave: s('string'), chiavePubblica: s('string'), inUso: s('boolean') })) }) }, 'application/x-pem-file': { schema: s('string') } },
  },
  'GET /audit/consistenza': json(oggetto({ formato: s('string'), da: s('integer'), testa: ref('TestaFirmata'), testaDa: { allOf: [ref('TestaFirmata')], nullable: true }, prova: lista(s('string')) }, ['formato', 'da', 'testa', 'prova']), 'Prova di consistenza RFC 9162'),
  'GET /audit/export': { description: 'Il registro esportato (una riga JSON per evento)', content: { 'application/x-ndjson': { schema: s('string') } } },
  'GET /admin/projections': json(lista(ref('Proiezione'))),
  'POST /admin/projections/{name}/rebuild': json({ allOf: [ref('Ricostruzione'), oggetto({ stato: s('string', { example: '/admin/projections/listing/rebuild', description: 'Dove leggere l’avanzamento (GET)' }) }, ['stato'])] }, 'Ricostruzione avviata: il suo avanzamento'),
  'GET /admin/projections/{name}/rebuild': json(ref('Ricostruzione')),
  'POST /appalti': json(ref('Comando'), 'Appalto creato'),
  'PATCH /appalti/{id}': comando,
  'DELETE /appalti/{id}': comando,
  'GET /appalti/{id}': json(ref('Appalto')),
  'POST /appalti/{id}/lotti': json(ref('Comando'), 'Lotto aggiunto'),
  'PUT /appalti/{id}/lotti/{lotIdentifier}': comando,
  'DELETE /appalti/{id}/lotti/{lotIdentifier}': comando,
  'PUT /appalti/{id}/classificazione': comando,
  'POST /appalti/{id}/procedura': comando,
  'POST /appalti/{id}/verifica': json(oggetto({ esito: s('string', { enum: ['OK', 'KO'] }), sezioni: { type: 'object', additionalProperties: lista(oggetto({ campo: s('string'), messaggio: s('string'), codice: s('string') }, ['campo', 'messaggio'])), description: 'I problemi per sezione (dati di gara, classificazione, lotti, …)' }, problemi: lista(ref('ProblemaCampo')) }, ['esito', 'sezioni', 'problemi'])),
  'POST /appalti/{id}/conferma': json(ref('Comando'), 'Inviato ad ANAC: l’esito arriva in seguito'),
  'POST /appalti/{id}/pubblica': json(ref('Comando'), 'Pubblicazione richiesta ad ANAC'),
  'POST /appalti/{id}/avviso/modifica': json(ref('Comando'), 'Modifica dell’avviso richiesta ad ANAC'),
  'POST /appalti/{id}/copia': json(ref('Comando'), 'Copia creata'),
  'GET /appalti/{id}/trasmissioni': json(lista(ref('Trasmissione'))),
  'GET /cig/{cig}': json(ref('Cig')),
  'POST /cig/{cig}/utilizza': json(oggetto({ cig: s('string'), posizione: { oneOf: [s('string'), s('integer')] } }, ['cig', 'posizione'])),
  'POST /simog/gare': json(ref('Comando'), 'Gara creata'),
  'POST /simog/gare/{id}/lotti': json(ref('Comando'), 'Lotto aggiunto'),
  'DELETE /simog/gare/{id}': comando,
  'GET /simog/gare/{id}': json(ref('GaraSimog')),
  'GET /simog/gare/{id}/trasmissioni': json(lista(ref('Trasmissione'))),
  'GET /simog/cig/{cig}': json(ref('Cig')),
  'POST /cig/registrazione-manuale': json(ref('Comando'), 'CIG registrato'),
  'POST /cig/{cig}/perfeziona': comando,
  'POST /cig/{cig}/cancella': comando,
  'POST /cig/{cig}/annullamento': json(ref('Comando'), 'Annullamento richiesto'),
  'POST /cig/{cig}/annullamento/esito': comando,
  'POST /smart-cig': json(ref('Comando'), 'SmartCIG richiesto'),
  'PATCH /smart-cig/{cig}': comando,
  'GET /smart-cig/{cig}': json(ref('SmartCig')),
  'POST /smart-cig/{cig}/annulla': comando,
  'GET /smart-cig/{cig}/trasmissioni': json(lista(ref('Trasmissione'))),
  'POST /carnet': json(ref('Comando'), 'CARNET richiesto'),
  // With the .pdf suffix (`GET /carnet/CARNET-0000555.pdf`) the same route answers the carnet's PDF.
  'GET /carnet/{numero}': {
    description: 'Il CARNET in JSON; con il suffisso .pdf sul numero (es. /carnet/CARNET-0000555.pdf) il documento PDF',
    content: { 'application/json': { schema: ref('CarnetDto') }, 'application/pdf': { schema: s('string', { format: 'binary' }) } },
  },
  'GET /carnet/{numero}/trasmissioni': json(lista(ref('Trasmissione'))),
  'POST /carnet/{numero}/cig/{cig}/comunica': comando,
  'POST /carnet/{numero}/cig/{cig}/annulla': comando,
  'POST /admin/import': json(ref('EsitoImport')),
  // webhook subscriptions (events out)
  'POST /webhook/sottoscrizioni': json(ref('Sottoscrizione'), 'Sottoscrizione registrata'),
  'GET /webhook/sottoscrizioni': json(lista(ref('Sottoscrizione'))),
  'DELETE /webhook/sottoscrizioni/{id}': json(ref('Sottoscrizione'), 'Sottoscrizione disattivata'),
  'GET /webhook/sottoscrizioni/{id}/consegne': json(ref('ConsegneWebhook')),
  'POST /webhook/sottoscrizioni/{id}/riproduci': json(ref('RiproduzioneWebhook'), 'Eventi accodati di nuovo, marcati come riconsegne'),
  'GET /accesso/configurazione': json(
    oggetto(
      {
        sviluppo: s('boolean', { description: 'Accesso di sviluppo disponibile (chiavi di sviluppo)' }),
        oidc: { ...oggetto({ issuer: s('string', { format: 'uri' }), clientId: s('string'), scope: s('string'), resource: { type: 'string', nullable: true } }, ['issuer', 'clientId', 'scope']), nullable: true },
      },
      ['sviluppo', 'oidc'],
    ),
    'Come accede la console',
  ),
  'GET /eventi': {
    description: 'Flusso Server-Sent Events: `event: cig` con `data` JSON secondo lo schema EventoCigDto (tipo, cig, appaltoId, lotIdentifier, posizione); righe di commento come battito',
    content: { 'text/event-stream': { schema: s('string', { example: 'event: cig\ndata: {"tipo":"CigAssegnato","cig":"A01B2C3D4E","appaltoId":"…","lotIdentifier":"LOT-0001","posizione":"…"}\n\n' }) } },
  },
};

/** Query parameters whose schema Nest left empty, by name. */
const PARAMETRI: Record<string, Schema> = {
  cursore: s('string', { description: 'Cursore opaco della pagina successiva' }),
  limite: s('integer', { minimum: 1, maximum: 500 }),
  attendi: s('string', { description: 'Posizione del registro da attendere (read-your-writes)' }),
  attesa: s('string'),
  asOf: s('string', { format: 'date-time' }),
  dataInvioDa: s('string', { format: 'date' }),
  dataInvioA: s('string', { format: 'date' }),
  scadenzaDa: s('string', { format: 'date' }),
  scadenzaA: s('string', { format: 'date' }),
  da: s('string', { format: 'date-time' }),
  a: s('string', { format: 'date-time' }),
  valoreDa: s('number', { minimum: 0 }),
  valoreA: s('number', { minimum: 0 }),
  daSeq: s('integer', { minimum: 0 }),
  aSeq: s('integer', { minimum: 0 }),
  cigUtilizzato: s('string', { enum: ['si', 'no', 'true', 'false'], description: 'si: solo i CIG utilizzati; no: solo quelli non utilizzati' }),
  appalto: s('string', { format: 'uuid' }),
  cig: s('string', { pattern: '^[0-9A-Z]{10}$', example: 'A01B2C3D4E' }),
};

const ESEMPI: Record<number, { code: string; detail: string }> = {
  400: { code: 'VALIDATION_FAILED', detail: 'Alcuni campi non sono validi' },
  401: { code: 'TOKEN_MANCANTE', detail: 'Token mancante o non valido' },
  403: { code: 'OPERAZIONE_NON_CONSENTITA', detail: 'Operazione non consentita per il ruolo o l’ufficio' },
  404: { code: 'NOT_FOUND', detail: 'Risorsa non trovata' },
  409: { code: 'APPALTO_ESISTENTE', detail: 'L’appalto esiste già' },
  413: { code: 'FILE_TROPPO_GRANDE', detail: 'Il file supera IMPORT_MAX_MB' },
  415: { code: 'CONTENT_TYPE_NON_VALIDO', detail: 'Il corpo deve essere il file CSV (Content-Type: text/csv)' },
  422: { code: 'REGOLA_VIOLATA', detail: 'Regola non rispettata' },
  429: { code: 'TROPPE_RICHIESTE', detail: 'Limite di richieste raggiunto: riprova tra 10 secondi' },
  500: { code: 'INTERNAL_ERROR', detail: 'Si è verificato un errore interno; è stato registrato' },
  503: { code: 'DATABASE_NON_RAGGIUNGIBILE', detail: 'Database momentaneamente non raggiungibile' },
};

const TITOLI: Record<number, string> = { 400: 'Richiesta non valida', 401: 'Autenticazione richiesta', 403: 'Operazione non consentita', 404: 'Risorsa non trovata', 409: 'Conflitto con lo stato attuale', 413: 'Richiesta troppo grande', 415: 'Formato della richiesta non supportato', 422: 'Regola non rispettata', 429: 'Troppe richieste', 500: 'Errore interno', 503: 'Servizio non disponibile' };

function problema(status: number) {
  const e = ESEMPI[status]!;
  return {
    description: TITOLI[status],
    content: { [PROBLEM]: { schema: ref('Problema'), example: { type: `urn:cig-ledger:problem:${e.code.toLowerCase().replace(/_/g, '-')}`, title: TITOLI[status], status, code: e.code, detail: e.detail } } },
  };
}

/** The problem answers an operation can give, from what it takes and who may call it. */
export function statiDiProblema(metodo: string, percorso: string, op: Operazione): number[] {
  const stati = new Set<number>([400, 500, 503]);
  if (op['x-permesso']) [401, 403, 429].forEach((x) => stati.add(x));
  if (percorso.includes('{')) stati.add(404);
  if (op['x-permesso'] && metodo !== 'get') [409, 422].forEach((x) => stati.add(x));
  if (percorso === '/admin/import') [413, 415].forEach((x) => stati.add(x));
  // The Merkle proofs: a head of that size may not exist (404), or not yet cover what is asked (409).
  if (['/audit/sth', '/audit/consistenza', '/audit/inclusione'].includes(percorso)) stati.add(404);
  if (['/audit/consistenza', '/audit/inclusione'].includes(percorso)) stati.add(409);
  return [...stati].sort();
}

/** Completes the document Nest produced (mutates and returns it). */
export function completaContratto(document: OpenAPIObject): OpenAPIObject {
  document.components = { ...document.components, schemas: { ...(document.components?.schemas ?? {}), ...(SCHEMI as any) } };
  const paths = document.paths as Record<string, Record<string, Operazione>>;
  for (const [percorso, metodi] of Object.entries(paths)) {
    for (const [metodo, op] of Object.entries(metodi)) {
      const chiave = `${metodo.toUpperCase()} ${percorso}`;
      const successo = SUCCESSI[chiave];
      const vecchie = op.responses ?? {};
      const codice2xx = Object.keys(vecchie).find((c) => c.startsWith('2')) ?? '200';
      const risposte: Record<string, unknown> = {};
      if (successo) risposte[codice2xx] = { ...(vecchie[codice2xx] ?? {}), ...successo };
      // Without an entry here, the answers the controller's decorators describe (a 200 and a 202, say) stay.
      else for (const [c, r] of Object.entries(vecchie)) if (c.startsWith('2')) risposte[c] = r;
      for (const [c, r] of Object.entries(vecchie)) if (!(c in risposte) && !c.startsWith('2')) risposte[c] = r;
      for (const stato of statiDiProblema(metodo, percorso, op)) risposte[String(stato)] ??= problema(stato);
      op.responses = risposte;
      for (const p of op.parameters ?? []) {
        if (p.in === 'query' && (!p.schema || Object.keys(p.schema).length === 0)) p.schema = PARAMETRI[p.name] ?? s('string');
      }
    }
  }
  // POST /admin/import takes the CSV file as its body.
  const imp = paths['/admin/import']?.post;
  if (imp) imp.requestBody = { required: true, description: 'Il file CSV dei CIG pubblicato da ANAC (open data)', content: { 'text/csv': { schema: s('string') } } };
  return document;
}
