/**
 * JWS ids already seen ("unicità del jti", specifiche-jws roadmap.md). An id is remembered only
 * while a token carrying it could still be accepted; after that the iat/exp checks reject it anyway.
 */
export class JtiRegistry {
  private readonly scadenze = new Map<string, number>();

  /** False when `jti` was already used; otherwise remembers it until `validoFinoMs`. */
  registra(jti: string, adessoMs: number, validoFinoMs: number): boolean {
    this.dimentica(adessoMs);
    if (this.scadenze.has(jti)) return false;
    this.scadenze.set(jti, validoFinoMs);
    return true;
  }

  private dimentica(adessoMs: number): void {
    for (const [jti, scadenza] of this.scadenze) {
      if (scadenza < adessoMs) this.scadenze.delete(jti);
    }
  }
}
