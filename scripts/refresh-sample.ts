/**
 * Rewrites the codec-derived files of request/response samples from the current codecs, for
 * review with `git diff` (see test/samples/README.md):
 *
 *   node --import tsx scripts/refresh-sample.ts <service>/<Operation>…   refresh these
 *   node --import tsx scripts/refresh-sample.ts --all                    refresh every sample
 *   node --import tsx scripts/refresh-sample.ts --show <service>/<Operation>
 *       print request.xml and response.xml indented, for reading (files are not touched)
 *
 * Written: request.xml (the SOAP encoder's envelope for request.json) and response.json (the
 * SOAP decoder's value for response.xml). Never written: request.json and response.xml, which
 * are the hand-made inputs. Needs `npm run generate` (the generated descriptors).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodeSampleSoap,
  encodeSampleSoap,
  listSamples,
  readText,
  toJsonFile,
  type Sample,
} from '../test/samples/sample-codec.ts';

/** Indents an XML document one element per line (display only: it adds whitespace). */
function indentXml(xml: string): string {
  const out: string[] = [];
  let depth = 0;
  for (const token of xml.match(/<[^>]+>|[^<]+/g) ?? []) {
    if (token.startsWith('</')) {
      depth--;
      const last = out.length - 1;
      // `<a>text</a>` stays on one line.
      if (last >= 0 && !out[last]!.trimStart().startsWith('<')) {
        out[last - 1] += out.pop()!.trim() + token;
        continue;
      }
      out.push('  '.repeat(depth) + token);
    } else if (token.startsWith('<')) {
      out.push('  '.repeat(depth) + token);
      if (!token.endsWith('/>') && !token.startsWith('<?')) depth++;
    } else if (token.trim()) {
      out.push('  '.repeat(depth) + token);
    }
  }
  return out.join('\n');
}

async function refresh(sample: Sample): Promise<string[]> {
  const written: string[] = [];
  writeFileSync(join(sample.dir, 'request.xml'), `${await encodeSampleSoap(sample)}\n`);
  written.push('request.xml');
  if (existsSync(join(sample.dir, 'response.xml'))) {
    const file = join(sample.dir, 'response.json');
    writeFileSync(file, await toJsonFile(await decodeSampleSoap(sample), file));
    written.push('response.json');
  }
  return written;
}

function pick(args: string[]): Sample[] {
  const all = listSamples();
  if (args.includes('--all')) return all;
  return args.map((name) => {
    const found = all.find((s) => `${s.service}/${s.operation}` === name);
    if (!found)
      throw new Error(
        `no sample ${name}; samples: ${all.map((s) => `${s.service}/${s.operation}`).join(', ')}`,
      );
    return found;
  });
}

async function main(args: string[]): Promise<void> {
  if (args.length === 0)
    throw new Error(
      'usage: refresh-sample.ts --all | <service>/<Operation>… | --show <service>/<Operation>',
    );
  if (args[0] === '--show') {
    for (const sample of pick(args.slice(1))) {
      for (const file of ['request.xml', 'response.xml']) {
        if (!existsSync(join(sample.dir, file))) continue;
        console.log(
          `== ${sample.service}/${sample.operation}/${file}\n${indentXml(readText(sample, file).trim())}\n`,
        );
      }
    }
    return;
  }
  for (const sample of pick(args)) {
    const written = await refresh(sample);
    console.log(`${sample.service}/${sample.operation}: wrote ${written.join(', ')}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
