/**
 * Case codes, SV-XXXX-XXXX: the only key an anonymous reporter holds. The alphabet leaves out
 * look-alikes (0/O, 1/I/L), which leaves 31 symbols: 8 characters carry log2(31^8) ≈ 39.6 bits.
 * Reading forgives case, spaces and dashes.
 */
export const CASE_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 8;

export const CASE_CODE_PATTERN = /^SV-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/;

export const CASE_CODE_BITS = LENGTH * Math.log2(CASE_CODE_ALPHABET.length);

const SPACE = BigInt(CASE_CODE_ALPHABET.length) ** BigInt(LENGTH);

/**
 * The code for a secret digest (an HMAC of the form's id): the same form always gives the same code, so
 * a receipt that never arrived can be shown again, and without the key nobody can work a code out.
 * A 256-bit digest reduced modulo 31^8 is uniform to within 2^-216.
 */
export function caseCodeFromDigest(digest: Buffer): string {
  let n = BigInt(`0x${digest.toString('hex')}`) % SPACE;
  let chars = '';
  for (let i = 0; i < LENGTH; i++) {
    chars = CASE_CODE_ALPHABET[Number(n % 31n)] + chars;
    n /= 31n;
  }
  return `SV-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** The code a person meant, or undefined when the text is not a case code. */
export function parseCaseCode(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const compact = text.toUpperCase().replace(/[\s-]/g, '');
  const body = compact.startsWith('SV') ? compact.slice(2) : undefined;
  if (!body || body.length !== LENGTH) return undefined;
  const code = `SV-${body.slice(0, 4)}-${body.slice(4)}`;
  return CASE_CODE_PATTERN.test(code) ? code : undefined;
}
