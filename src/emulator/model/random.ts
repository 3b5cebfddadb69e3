// Seeded pseudo-random numbers, so a scenario's ids, commits and fractions are reproducible from its seed.

/** A deterministic random source (mulberry32); never used for credentials (see identity/tokens.ts). */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** A lowercase version-4-shaped GUID, as the service writes ids (§2.3: GUIDs lowercase). */
  guid(): string;
  /** A 40-hex-digit commit id. */
  sha(): string;
}

const HEX = '0123456789abcdef';
const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  function next(): number {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  function hex(length: number): string {
    let out = '';
    while (out.length < length) {
      // 4 bytes per draw through a lookup table: ids for 10,000 pull requests cost a few milliseconds.
      const word = Math.floor(next() * 4294967296);
      out += `${BYTE_HEX[word >>> 24]}${BYTE_HEX[(word >>> 16) & 255]}${BYTE_HEX[(word >>> 8) & 255]}${BYTE_HEX[word & 255]}`;
    }
    return out.length === length ? out : out.slice(0, length);
  }
  return {
    next,
    int: (maxExclusive) => Math.floor(next() * maxExclusive),
    guid: () => {
      const h = hex(32);
      const variant = HEX[8 + (parseInt(h[16] ?? '0', 16) & 3)] ?? '8';
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    sha: () => hex(40),
  };
}
