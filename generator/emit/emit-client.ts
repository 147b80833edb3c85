import type { MergedModel } from '../model/merge.ts';
import type { DocText } from './docs.ts';
import { wireFields } from './emit-descriptor.ts';
import type { FamilyInfo } from './families.ts';
import { PRETTIER_OPTIONS } from './format.ts';
import { methodName, quote } from './naming.ts';
import { operationPaging } from './paging.ts';
import { CodeWriter } from './writer.ts';

/**
 * client.ts of a generated package: one class per service, and one method per operation
 * declared in an interface merged with the class (`export interface X { getUser(…): … }`),
 * with its types and TSDoc. The methods themselves come from the runtime: a static block runs
 * `installOperations(this, descriptor)`, which defines `getUser(request, options)` as
 * `this.call('GetUser', request, options)` for every operation in the descriptor (the
 * descriptor carries each method's name, so there is one naming rule: naming.ts). This is how
 * AWS SDK v3 builds its aggregated clients, and for the same reasons: the package ships data
 * and declarations instead of 191 identical function bodies (campaign-management), the
 * compiler checks signatures instead of bodies, and loading the module compiles one class.
 * The source is planned once and written three ways: .ts, its declarations (.d.ts: the class
 * without its static block) and its JavaScript (.js: the class without the interface).
 *
 * Why text and not a syntax tree: for speed. The three files are written directly, in
 * prettier's layout (a signature that does not fit in printWidth breaks one item per line),
 * rather than built as ts-morph structures and run through prettier: loading those two cost
 * more CPU than the rest of `adsgen generate` together. test/emit holds the output to them
 * instead: prettier leaves every client file unchanged (test/emit/client-layout.test.ts,
 * generate.test.ts), ts-morph reads back one correctly typed, documented method per operation
 * (client-structure.test.ts), and the .d.ts and .js equal what the TypeScript compiler makes
 * of the source (emit-package.test.ts).
 */

/**
 * Members of the runtime's ServiceClient, and the views installOperations adds, that a
 * generated method must not shadow.
 */
const RESERVED_METHODS = new Set([
  'call',
  'callWithResponse',
  'close',
  'constructor',
  'environment',
  'protocol',
  'withResponse',
  'paginate',
]);

/** `CustomerManagementClient` → `CustomerManagementOperations`: the interface of its methods. */
export function operationsInterfaceName(className: string): string {
  return `${className.replace(/Client$/, '')}Operations`;
}

/** `CustomerManagementClient` → `CustomerManagementPaginators`: the type of `client.paginate`. */
export function paginatorsInterfaceName(className: string): string {
  return `${className.replace(/Client$/, '')}Paginators`;
}

const WIDTH = PRETTIER_OPTIONS.printWidth;

export interface EmittedClient {
  /** The source, formatted as prettier formats it. */
  ts: string;
  /** Declarations: the compiler's declaration output for `ts`, in prettier's layout too. */
  dts: string;
  js: string;
}

interface MethodPlan {
  name: string;
  operation: string;
  request?: string;
  /** The request may be left out (its type has no fields). */
  requestOptional: boolean;
  response?: string;
  paragraphs: string[];
  tags: string[];
  /** A paged operation's iterator (`client.paginate`): its request field and its items. */
  paging?: { pageInfo: string; items: string; itemType: string };
}

type Mode = 'ts' | 'dts' | 'js';

export function emitClient(
  model: MergedModel,
  info: FamilyInfo,
  className: string,
  docs: DocText,
  header: string,
): EmittedClient {
  const plans = model.operations.map((op): MethodPlan => {
    const request = op.request ? info.objects.get(op.request) : undefined;
    if (op.request && !request)
      throw new Error(`operation '${op.name}': request type '${op.request}' is not an object type`);
    if (op.response && !info.objects.has(op.response)) {
      throw new Error(
        `operation '${op.name}': response type '${op.response}' is not an object type`,
      );
    }
    const plan: MethodPlan = {
      name: methodName(op.name),
      operation: op.name,
      requestOptional: request ? wireFields(request, info).length === 0 : false,
      paragraphs: docs.operationSummary(op),
      tags: [
        ...(request ? [`@param request - The ${request.name}.`] : []),
        '@param options - Per-call options: customer and account ids, abort signal, timeout, retry, protocol.',
        op.response
          ? `@returns The ${op.response}.`
          : '@returns Nothing: the operation has no response body.',
        docs.see(op.name),
      ],
    };
    if (request) plan.request = request.name;
    if (op.response) plan.response = op.response;
    const paging = operationPaging(op, info);
    if (paging)
      plan.paging = { ...paging, itemType: itemTypeName(op.response, paging.items, info) };
    return plan;
  });
  const seen = new Set<string>();
  for (const p of plans) {
    if (RESERVED_METHODS.has(p.name) || seen.has(p.name)) {
      throw new Error(
        `operation '${p.operation}' would become client method '${p.name}', which is taken`,
      );
    }
    seen.add(p.name);
  }
  const classDoc = [
    `Client of the Microsoft Advertising ${docs.title} service (API v13), over SOAP or REST\n` +
      `as chosen in its options: the same methods and types either way.`,
  ];
  const classSee =
    '@see {@link https://learn.microsoft.com/en-us/advertising/guides/?view=bingads-13 | Microsoft Advertising API on Microsoft Learn}';

  const paged = plans.filter((p) => p.paging !== undefined);
  const write = (mode: Mode): string => {
    const w = new CodeWriter();
    w.raw(`${header}\n`);
    if (mode === 'js') w.line("import { ServiceClient } from '@adsgen/runtime';");
    else {
      w.block(
        'import {',
        () => {
          for (const name of [
            'ServiceClient',
            'type CallOptions',
            'type ClientOptions',
            ...(paged.length > 0 ? ['type PageItem', 'type PaginateOptions'] : []),
            'type WithResponseMethods',
          ])
            w.line(`${name},`);
        },
        "} from '@adsgen/runtime';",
      );
    }
    if (mode !== 'dts') w.line("import { installOperations } from '@adsgen/runtime/internal';");
    if (mode !== 'dts') w.line("import { descriptor } from './descriptor.js';");
    if (mode !== 'js') w.line("import type * as types from './types.js';");
    w.line();
    w.doc(classDoc, [classSee]);
    const head = `export ${mode === 'dts' ? 'declare ' : ''}class ${className} extends ServiceClient {`;
    w.block(head, () => {
      if (mode === 'dts') {
        w.line('constructor(options: ClientOptions);');
        return;
      }
      w.block('static {', () => {
        w.line('// One method per operation, typed and documented by the interface of this name.');
        w.line('installOperations(this, descriptor);');
      });
      w.line();
      w.block(`constructor(${mode === 'ts' ? 'options: ClientOptions' : 'options'}) {`, () =>
        w.line('super(descriptor, options);'),
      );
    });
    if (mode === 'js') return w.toString();
    const operations = operationsInterfaceName(className);
    const paginators = paginatorsInterfaceName(className);
    w.line();
    w.doc([`The ${docs.title} operations of ${className}: one method each.`], []);
    w.block(`export interface ${operations} {`, () => {
      plans.forEach((p, i) => {
        // Declarations follow each other without blank lines, as the compiler writes them.
        if (mode !== 'dts' && i > 0) w.line();
        w.doc(p.paragraphs, p.tags);
        writeMethod(w, p);
      });
    });
    if (paged.length > 0) {
      w.line();
      w.doc(
        [
          `The paged ${docs.title} operations of ${className}, as async iterators over their items.`,
        ],
        [],
      );
      w.block(`export interface ${paginators} {`, () => {
        paged.forEach((p, i) => {
          if (mode !== 'dts' && i > 0) w.line();
          writePaginator(w, p, docs);
        });
      });
    }
    w.line();
    w.doc(
      [
        `The members of ${className} beside its constructor: the operations, and the same\n` +
          'operations resolving to the decoded value with its HTTP response (`withResponse`)' +
          (paged.length > 0 ? ',\nand the paged ones as async iterators (`paginate`).' : '.'),
      ],
      [],
    );
    w.block(`export interface ${className} extends ${operations} {`, () => {
      w.doc(
        [
          'The operations, each resolving to `{ data, response }`: the decoded value, and the HTTP\n' +
            'status, headers and TrackingId of the response it came from.',
        ],
        [],
      );
      w.line(`readonly withResponse: WithResponseMethods<${operations}>;`);
      if (paged.length === 0) return;
      w.doc(
        [
          'The paged operations as async iterators over their items, page after page:\n' +
            `\`for await (const item of client.paginate.${paged[0]!.name}(request))\`.`,
        ],
        [],
      );
      w.line(`readonly paginate: ${paginators};`);
    });
    return w.toString();
  };
  return { ts: write('ts'), dts: write('dts'), js: write('js') };
}

/** One method signature of the interface (the same in .ts and .d.ts). */
function writeMethod(w: CodeWriter, p: MethodPlan): void {
  const params: string[] = [];
  if (p.request) params.push(`request${p.requestOptional ? '?' : ''}: types.${p.request}`);
  params.push('options?: CallOptions');
  writeCall(w, p.name, params, `: Promise<${p.response ? `types.${p.response}` : 'void'}>;`);
}

/** A paged operation's iterator method of the paginators interface, with its TSDoc. */
function writePaginator(w: CodeWriter, p: MethodPlan, docs: DocText): void {
  const paging = p.paging!;
  w.doc(
    [
      `Every ${paging.itemType} of ${p.operation}'s ${paging.items}, page after page: asks for pages\n` +
        'of `pageSize` items (default 100) as the loop reads on, and stops after a short page.',
    ],
    [
      `@param request - The ${p.request} without its ${paging.pageInfo}, the same for every page.`,
      '@param options - The page size, and per-call options applied to every page.',
      `@returns The ${paging.items} of every page, in order.`,
      docs.see(p.operation),
    ],
  );
  const item = `PageItem<types.${p.response}, ${quote(paging.items)}>`;
  const params = [
    `request: Omit<types.${p.request}, ${quote(paging.pageInfo)}>`,
    'options?: PaginateOptions',
  ];
  const tail = `: AsyncIterableIterator<${item}>;`;
  if (w.column + `${p.name}(${params.join(', ')})${tail}`.length <= WIDTH) {
    w.line(`${p.name}(${params.join(', ')})${tail}`);
    return;
  }
  w.line(`${p.name}(`);
  w.indent(() => {
    for (const param of params) w.line(`${param},`);
  });
  // Past the print width prettier breaks the type arguments, as it does a parameter list.
  if (w.column + `)${tail}`.length <= WIDTH) w.line(`)${tail}`);
  else {
    w.line('): AsyncIterableIterator<');
    w.indent(() => w.line(item));
    w.line('>;');
  }
}

/** The type name of a list's items, for the docs (`AdvertiserAccount`). */
function itemTypeName(response: string | undefined, items: string, info: FamilyInfo): string {
  const type = response ? info.objects.get(response) : undefined;
  const field = type ? wireFields(type, info).find((f) => f.name === items) : undefined;
  const ref = field?.type.kind === 'array' ? field.type.items : field?.type;
  return ref?.kind === 'named' ? ref.name : 'item';
}

/**
 * `head(a, b)tail` on one line when it fits in the print width, else as prettier breaks a
 * parameter or argument list of plain items: one per line, each with a trailing comma, and
 * the closing parenthesis back at the start column.
 */
function writeCall(w: CodeWriter, head: string, items: readonly string[], tail: string): void {
  const flat = `${head}(${items.join(', ')})${tail}`;
  if (items.length === 0 || w.column + flat.length <= WIDTH) {
    w.line(flat);
    return;
  }
  w.line(`${head}(`);
  w.indent(() => {
    for (const item of items) w.line(`${item},`);
  });
  w.line(`)${tail}`);
}
