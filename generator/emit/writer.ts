/**
 * A minimal line writer for generated source. Building text directly is an order of
 * magnitude faster than building a syntax tree for the large type and descriptor files;
 * the writer keeps to prettier's layout (two-space indent, no trailing spaces, one blank
 * line between declarations) so that prettier leaves its output unchanged.
 */
export class CodeWriter {
  private readonly parts: string[] = [];
  private depth = 0;

  /** Current indentation in columns. */
  get column(): number {
    return this.depth * 2;
  }

  line(text = ''): this {
    this.parts.push(text === '' ? '\n' : `${'  '.repeat(this.depth)}${text}\n`);
    return this;
  }

  /** Writes `open`, the body one level deeper, then `close`. */
  block(open: string, body: () => void, close = '}'): this {
    this.line(open);
    this.depth++;
    body();
    this.depth--;
    return this.line(close);
  }

  /** A `/** … *\/` comment: paragraphs separated by an empty ` *` line, then tag lines. */
  doc(paragraphs: readonly string[], tags: readonly string[] = []): this {
    const body: string[] = [];
    for (const p of paragraphs) {
      if (body.length > 0) body.push('');
      body.push(...p.split('\n'));
    }
    if (tags.length > 0 && body.length > 0) body.push('');
    body.push(...tags);
    if (body.length === 1 && body[0] !== undefined && body[0].length + this.column + 7 <= 100) {
      return this.line(`/** ${escapeComment(body[0])} */`);
    }
    this.line('/**');
    for (const b of body) this.line(b === '' ? ' *' : ` * ${escapeComment(b)}`);
    return this.line(' */');
  }

  /** A `/** … *\/` comment on one line, however long (prettier never reflows comments). */
  docLine(text: string): this {
    return this.line(`/** ${escapeComment(text)} */`);
  }

  /** Writes `body` one level deeper, with no lines around it. */
  indent(body: () => void): this {
    this.depth++;
    body();
    this.depth--;
    return this;
  }

  raw(text: string): this {
    this.parts.push(text);
    return this;
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** Comment text must not close the comment early. */
export function escapeComment(text: string): string {
  return text.replace(/\*\//g, '*\\/').trimEnd();
}
