import { createHash, randomInt } from 'node:crypto';

/** Digits and capitals without 0/O, 1/I/L: a code read aloud or copied from paper survives. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 12;

/** The one-time code an employer hands to a worker so they can claim their profile. */
export function generateClaimCode(): string {
  return Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** How the worker may have typed it: any case, with spaces or dashes. */
export function normalizeClaimCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * A plain sha256, not a slow salted password hash: the code is random (12 of 31 symbols, about
 * 59 bits), so there is no dictionary to try, and it is spent once claimed. An unsalted hash
 * also lets the claim be found by its hash, since `claimWorkerProfile` gets only the code.
 */
export function hashClaimCode(code: string): string {
  return createHash('sha256').update(normalizeClaimCode(code)).digest('hex');
}
