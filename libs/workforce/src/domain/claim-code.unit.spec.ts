import { generateClaimCode, hashClaimCode } from './claim-code';

describe('claim codes', () => {
  it('are 12 unambiguous characters', () => {
    for (let i = 0; i < 100; i += 1) expect(generateClaimCode()).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
  });

  it('do not repeat', () => {
    const codes = new Set(Array.from({ length: 1000 }, generateClaimCode));
    expect(codes.size).toBe(1000);
  });

  it('hash to a sha256 that ignores case, spaces and dashes', () => {
    const code = generateClaimCode();
    expect(hashClaimCode(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashClaimCode(` ${code.slice(0, 6).toLowerCase()}-${code.slice(6)} `)).toBe(hashClaimCode(code));
    expect(hashClaimCode('AAAAAAAAAAAA')).not.toBe(hashClaimCode('AAAAAAAAAAAB'));
  });
});
