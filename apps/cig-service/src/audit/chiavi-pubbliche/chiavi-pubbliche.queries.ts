import { Query } from '@nestjs/cqrs';

/** A public key document: JSON, or a PEM file to save under `file`. */
export type DocumentoChiavi = { readonly formato: 'json'; readonly corpo: object } | { readonly formato: 'pem'; readonly testo: string; readonly file: string };

/** The Ed25519 public key of the signed checkpoints (`GET /audit/chiave-pubblica`): `formato`, or the Accept header, says JSON or PEM. */
export class ChiavePubblica extends Query<DocumentoChiavi> {
  constructor(
    readonly parametri: Readonly<Record<string, unknown>>,
    readonly accept: string | undefined,
  ) {
    super();
  }
}

/** The public keys of the signed heads, the one in use and the earlier ones (`GET /audit/sth/chiavi`). */
export class ChiaviTeste extends Query<DocumentoChiavi> {
  constructor(readonly parametri: Readonly<Record<string, unknown>>) {
    super();
  }
}
