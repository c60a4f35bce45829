// dmn-moddle ships no types: the little CIG Ledger uses of it.
declare module 'dmn-moddle' {
  export class DmnModdle {
    fromXML(xml: string, tipo?: string): Promise<{ rootElement: unknown }>;
  }
}
