import { deterministicUuid, SequentialIds } from './ids.js';

describe('ids', () => {
  it('deterministic ids are stable, distinct per input and shaped like UUID v5', () => {
    const a = deterministicUuid('evento-1', 'crea-appalto');
    expect(deterministicUuid('evento-1', 'crea-appalto')).toBe(a);
    expect(deterministicUuid('evento-1', 'conferma-appalto')).not.toBe(a);
    expect(deterministicUuid('evento-1crea', '-appalto')).not.toBe(deterministicUuid('evento-1', 'crea-appalto'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sequential ids count up', () => {
    const ids = new SequentialIds();
    expect([ids.uuid(), ids.uuid()]).toEqual(['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']);
  });
});
