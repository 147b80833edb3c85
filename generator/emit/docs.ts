import type { MergedModel, MergedOperation, MergedType, Protocols } from '../model/merge.ts';
import { docsUrl, serviceTitle } from './naming.ts';

/**
 * TSDoc text of generated declarations. The specs carry no descriptions, so summaries are
 * written from what the model knows; every type and operation links to its Microsoft Learn
 * page (request and response wrappers link to their operation's page).
 */
export class DocText {
  readonly title: string;
  private readonly wrapperOf = new Map<string, { op: string; role: 'Request' | 'Response' }>();

  constructor(
    model: MergedModel,
    readonly docsSlug: string,
  ) {
    this.title = serviceTitle(docsSlug);
    for (const op of model.operations) {
      if (op.request) this.wrapperOf.set(op.request, { op: op.name, role: 'Request' });
      if (op.response && !this.wrapperOf.has(op.response))
        this.wrapperOf.set(op.response, { op: op.name, role: 'Response' });
    }
  }

  /** `@see` tag to the reference page of a type or operation name. */
  see(name: string): string {
    const wrapper = this.wrapperOf.get(name);
    const page = wrapper ? wrapper.op : name;
    return `@see {@link ${docsUrl(this.docsSlug, page)} | ${page} on Microsoft Learn}`;
  }

  /** Summary paragraphs of a type. */
  typeSummary(t: MergedType): string[] {
    const paragraphs: string[] = [];
    const wrapper = this.wrapperOf.get(t.name);
    if (t.doc) paragraphs.push(t.doc);
    else if (wrapper)
      paragraphs.push(
        `${wrapper.role} of the ${wrapper.op} operation of the ${this.title} service.`,
      );
    else if (t.kind === 'enum') {
      paragraphs.push(
        t.flags
          ? `The ${t.name} flags of the ${this.title} service: a list of its values.`
          : `The ${t.name} values of the ${this.title} service.`,
      );
    } else if (t.kind === 'alias')
      paragraphs.push(`The ${t.name} simple type of the ${this.title} service.`);
    else paragraphs.push(`The ${t.name} data object of the ${this.title} service.`);
    const note = protocolNote(t.protocols, 'type');
    if (note) paragraphs.push(note);
    if (t.kind === 'enum') {
      const only: string[] = [];
      if (t.soapOnlyValues.length > 0) only.push(`only SOAP has ${t.soapOnlyValues.join(', ')}`);
      if (t.restOnlyValues.length > 0) only.push(`only REST has ${t.restOnlyValues.join(', ')}`);
      if (only.length > 0) paragraphs.push(`Of these values ${only.join('; ')}.`);
    }
    return paragraphs;
  }

  operationSummary(op: MergedOperation): string[] {
    const paragraphs = [op.doc ?? `Calls the ${op.name} operation of the ${this.title} service.`];
    const note = protocolNote(op.protocols, 'operation');
    if (note) paragraphs.push(note);
    return paragraphs;
  }
}

/** Which protocol has a type, field or operation, when only one does. */
export function protocolNote(
  protocols: Protocols,
  what: 'type' | 'field' | 'operation',
): string | undefined {
  if (protocols === 'both') return undefined;
  const has = protocols === 'soap' ? 'SOAP' : 'REST';
  const lacks = protocols === 'soap' ? 'REST' : 'SOAP';
  return `Only in the ${has} API: the ${lacks} API has no such ${what}.`;
}
