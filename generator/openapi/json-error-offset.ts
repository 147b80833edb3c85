/**
 * Offset of the first JSON syntax error in `text`, for the error path only. Node 20's
 * `JSON.parse` states a position for some errors ("… at position 11") but not for others
 * ("Unexpected token '}', … is not valid JSON"), so a SpecError could not point at the line.
 * This small recursive-descent checker finds it. Returns `text.length` when it finds none.
 */
export function jsonErrorOffset(text: string): number {
  const checker = new Checker(text);
  try {
    checker.document();
    return text.length;
  } catch (error) {
    if (error instanceof SyntaxAt) return error.offset;
    throw error;
  }
}

class SyntaxAt {
  constructor(readonly offset: number) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class Checker {
  private i = 0;
  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.ws();
    if (this.i < this.text.length) this.fail();
  }

  private value(): void {
    this.ws();
    const c = this.text[this.i];
    if (c === '{') this.object();
    else if (c === '[') this.array();
    else if (c === '"') this.string();
    else if (c === 't') this.literal('true');
    else if (c === 'f') this.literal('false');
    else if (c === 'n') this.literal('null');
    else this.sticky(NUMBER);
  }

  private object(): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.text[this.i] !== '"') this.fail();
      this.string();
      this.ws();
      this.expect(':');
      this.value();
      this.ws();
      if (this.text[this.i] === ',') this.i++;
      else return this.expect('}');
    }
  }

  private array(): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.value();
      this.ws();
      if (this.text[this.i] === ',') this.i++;
      else return this.expect(']');
    }
  }

  private string(): void {
    this.sticky(STRING);
  }

  private literal(word: string): void {
    if (!this.text.startsWith(word, this.i)) this.fail();
    this.i += word.length;
  }

  private sticky(pattern: RegExp): void {
    pattern.lastIndex = this.i;
    if (!pattern.test(this.text)) this.fail();
    this.i = pattern.lastIndex;
  }

  private expect(char: string): void {
    if (this.text[this.i] !== char) this.fail();
    this.i++;
  }

  private ws(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i]!)) this.i++;
  }

  private fail(): never {
    throw new SyntaxAt(this.i);
  }
}
