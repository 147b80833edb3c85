/**
 * A small deterministic PRNG (mulberry32), so synthesized responses are the same on every run
 * for the same seed. Each operation derives its own stream from (seed, operation name), so a
 * response does not depend on which calls came before it.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  static forOperation(seed: number, name: string): Prng {
    let h = 2166136261 ^ seed;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
    return new Prng(h);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }

  /** A 64-bit id above 2^53, as a decimal string: it cannot survive a trip through a JS number. */
  bigId(): string {
    return (9007199254740993n + BigInt(this.int(0, 1_000_000)) * 2n).toString();
  }

  uuid(): string {
    const hex = () => this.int(0, 15).toString(16);
    const block = (n: number) => Array.from({ length: n }, hex).join('');
    return `${block(8)}-${block(4)}-4${block(3)}-a${block(3)}-${block(12)}`;
  }
}

/** Fixed sample values shared by both synthesizers. */
export const SAMPLE = {
  dateTime: '2025-03-14T09:26:53.589Z',
  date: '2025-03-14',
  base64: 'AAECAwQFBgc=',
  uri: 'https://example.com/adsgen-mock',
  duration: 'PT1H30M',
} as const;
