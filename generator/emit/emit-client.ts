import {
  IndentationText,
  Project,
  QuoteKind,
  StructureKind,
  type ClassDeclarationStructure,
  type ImportDeclarationStructure,
  type MethodDeclarationStructure,
  type OptionalKind,
  type ParameterDeclarationStructure,
} from 'ts-morph';
import type { MergedModel } from '../model/merge.ts';
import type { DocText } from './docs.ts';
import { wireFields } from './emit-descriptor.ts';
import type { FamilyInfo } from './families.ts';
import { methodName, quote } from './naming.ts';

/**
 * client.ts of a generated package: one class per service with one async method per
 * operation. The class is described once as ts-morph structures and printed three ways:
 * the source (.ts), its declarations (.d.ts: a `declare class` without bodies) and its
 * JavaScript (.js: the same class without types), so dist/ needs no compiler pass. The class
 * only wires names and types: calls go through `ServiceClient.call` of @adsgen/runtime,
 * which puts them on the wire in whichever protocol the client was constructed with.
 */

/** Members of the runtime's ServiceClient that a generated method must not shadow. */
const RESERVED_METHODS = new Set(['call', 'close', 'constructor', 'environment', 'protocol']);

export interface EmittedClient {
  /** Unformatted source (the caller runs prettier over it). */
  ts: string;
  dts: string;
  js: string;
}

let project: Project | undefined;

function print(
  fileName: string,
  statements: (ImportDeclarationStructure | ClassDeclarationStructure)[],
): string {
  project ??= new Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      quoteKind: QuoteKind.Single,
    },
  });
  return project.createSourceFile(fileName, { statements }, { overwrite: true }).getFullText();
}

interface MethodPlan {
  name: string;
  operation: string;
  request?: string;
  /** The request may be left out (its type has no fields). */
  requestOptional: boolean;
  response?: string;
  docs: string;
}

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
    const tags = [
      ...(request ? [`@param request - The ${request.name}.`] : []),
      '@param options - Per-call options: customer and account ids for this call, abort signal.',
      op.response
        ? `@returns The ${op.response}.`
        : '@returns Nothing: the operation has no response body.',
      docs.see(op.name),
    ];
    const plan: MethodPlan = {
      name: methodName(op.name),
      operation: op.name,
      requestOptional: request ? wireFields(request, info).length === 0 : false,
      docs: `${docs.operationSummary(op).join('\n\n')}\n\n${tags.join('\n')}`,
    };
    if (request) plan.request = request.name;
    if (op.response) plan.response = op.response;
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
  const classDocs = [
    {
      description:
        `Client of the Microsoft Advertising ${docs.title} service (API v13), over SOAP or REST\n` +
        `as chosen in its options: the same methods and types either way.\n\n` +
        `@see {@link https://learn.microsoft.com/en-us/advertising/guides/?view=bingads-13 | Microsoft Advertising API on Microsoft Learn}`,
    },
  ];
  const runtimeImport = (typed: boolean): ImportDeclarationStructure => ({
    kind: StructureKind.ImportDeclaration,
    moduleSpecifier: '@adsgen/runtime',
    namedImports: typed
      ? [
          'ServiceClient',
          { name: 'CallOptions', isTypeOnly: true },
          { name: 'ClientOptions', isTypeOnly: true },
        ]
      : ['ServiceClient'],
  });
  const descriptorImport: ImportDeclarationStructure = {
    kind: StructureKind.ImportDeclaration,
    moduleSpecifier: './descriptor.js',
    namedImports: ['descriptor'],
  };
  const typesImport: ImportDeclarationStructure = {
    kind: StructureKind.ImportDeclaration,
    moduleSpecifier: './types.js',
    isTypeOnly: true,
    namespaceImport: 'types',
  };
  const klass = (mode: 'ts' | 'dts' | 'js'): ClassDeclarationStructure => ({
    kind: StructureKind.Class,
    name: className,
    isExported: true,
    hasDeclareKeyword: mode === 'dts',
    extends: 'ServiceClient',
    docs: classDocs,
    ctors: [
      mode === 'js'
        ? { parameters: [{ name: 'options' }], statements: ['super(descriptor, options);'] }
        : {
            parameters: [{ name: 'options', type: 'ClientOptions' }],
            ...(mode === 'ts' ? { statements: ['super(descriptor, options);'] } : {}),
          },
    ],
    methods: plans.map((p) => method(p, mode)),
  });
  return {
    ts: `${header}\n${print('client.ts', [runtimeImport(true), descriptorImport, typesImport, klass('ts')])}`,
    dts: `${header}\n${print('client.d.ts', [runtimeImport(true), typesImport, klass('dts')])}`,
    js: `${header}\n${print('client.js', [runtimeImport(false), descriptorImport, klass('js')])}`,
  };
}

function method(p: MethodPlan, mode: 'ts' | 'dts' | 'js'): MethodDeclarationStructure {
  const typed = mode !== 'js';
  const parameters: OptionalKind<ParameterDeclarationStructure>[] = [];
  if (p.request) {
    const request: OptionalKind<ParameterDeclarationStructure> = { name: 'request' };
    if (typed) request.type = `types.${p.request}`;
    if (p.requestOptional && mode === 'dts') request.hasQuestionToken = true;
    if (p.requestOptional && mode !== 'dts') request.initializer = '{}';
    parameters.push(request);
  }
  parameters.push(
    typed ? { name: 'options', type: 'CallOptions', hasQuestionToken: true } : { name: 'options' },
  );
  const structure: MethodDeclarationStructure = {
    kind: StructureKind.Method,
    name: p.name,
    parameters,
    docs: [{ description: p.docs }],
  };
  if (typed) structure.returnType = `Promise<${p.response ? `types.${p.response}` : 'void'}>`;
  if (mode !== 'dts')
    structure.statements = [
      `return this.call(${quote(p.operation)}, ${p.request ? 'request' : '{}'}, options);`,
    ];
  return structure;
}
