import { createHmac, timingSafeEqual } from 'node:crypto';

/** Headers of every delivery. */
export const INTESTAZIONI_WEBHOOK = {
  evento: 'X-CigLedger-Event-Id',
  tipo: 'X-CigLedger-Event-Type',
  timestamp: 'X-CigLedger-Timestamp',
  firma: 'X-CigLedger-Signature',
  ripetizione: 'X-CigLedger-Redelivery',
  consegna: 'X-CigLedger-Delivery-Id',
} as const;

/**
 * The signature of a delivery: `sha256=` and the hex HMAC-SHA256, keyed with the subscription's
 * secret, of `<timestamp>.<body>` (timestamp in Unix seconds as sent in X-CigLedger-Timestamp,
 * body as the exact bytes sent). Binding the timestamp lets receivers refuse old replays.
 */
export function firmaWebhook(segreto: string, timestamp: number | string, corpo: string): string {
  return `sha256=${createHmac('sha256', segreto).update(`${timestamp}.${corpo}`).digest('hex')}`;
}

/** The receiver's check (also in the README): constant-time comparison of the expected signature. */
export function verificaFirmaWebhook(segreto: string, timestamp: string, corpo: string, firma: string): boolean {
  const attesa = Buffer.from(firmaWebhook(segreto, timestamp, corpo));
  const data = Buffer.from(firma);
  return attesa.length === data.length && timingSafeEqual(attesa, data);
}
