import { describe, expect, it } from 'vitest';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

describe('dac-withholding', () => {
  it.each(targetsOf('dac-withholding'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('dac-withholding', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.asExpected).toBe(true);
  });

  it('is defended by the honest threshold: L1 refuses the colluders padded certificate and the data goes to an honest member', async () => {
    const r = await runAttackOn('dac-withholding', 'validium', 'secure');
    expect(r.trace.some((e) => /L1 refused the colluders' certificate \(data 0x[0-9a-f]+ needs 5 of 6 committee signatures, got 4\)/.test(e.summary))).toBe(true);
    expect(r.trace.filter((e) => /escapes with/.test(e.summary)).length).toBe(4);
  });

  it('reports the colluding committee as its stated trust assumption broken, not as a bug', async () => {
    const r = await runAttackOn('dac-withholding', 'validium', 'colluding-committee');
    expect(r.assumption).toMatch(/at least n − k \+ 1 committee members are honest/);
    expect(r.violations.find((v) => v.invariant === 'data-availability')!.message).toMatch(/whose data no honest party can retrieve/);
    expect(r.violations.find((v) => v.invariant === 'l1-recoverability')!.message).toMatch(/alice recovered 0 ETH/);
  });

  it('names a real bug in the duplicate-signers twin: one colluder certifies alone, no assumption broken', async () => {
    const r = await runAttackOn('dac-withholding', 'validium', 'duplicate-signers');
    expect(r.assumption).toBeUndefined();
    expect(r.trace.some((e) => /submits a certificate for batch data 0x[0-9a-f]+ with 5 signatures \(dac-1, dac-2, dac-3, dac-4\): colluders only/.test(e.summary))).toBe(true);
  });
});
