import type { Response } from 'express';

/**
 * Writes blocks pulled from `blocchi` to the response, pulling the next one only once the socket
 * took the previous one (backpressure): memory holds a block at a time. A client that goes away
 * stops the generator (its `finally` releases what it holds); a failure mid-stream destroys the
 * connection, so the client sees a broken download rather than a short file that looks complete.
 */
export async function scriviFlusso(res: Response, blocchi: AsyncGenerator<string>): Promise<void> {
  let chiuso = false;
  res.once('close', () => (chiuso = true));
  try {
    for await (const blocco of blocchi) {
      if (chiuso) break;
      if (!res.write(blocco)) await svuotato(res);
    }
    if (!chiuso) res.end();
  } catch (error) {
    if (!res.headersSent) throw error;
    res.destroy(error as Error);
  }
}

function svuotato(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const fatto = () => {
      res.off('drain', fatto);
      res.off('close', fatto);
      resolve();
    };
    res.on('drain', fatto);
    res.on('close', fatto);
  });
}
