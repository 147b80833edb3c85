/**
 * The one error type for bad input to the generator: it names the file, the construct and
 * its place (an element path for XML, a JSON pointer for JSON), so a user can open the spec
 * at the right line of thought. The CLI prints `message` and exits non-zero.
 */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  constructor(
    readonly file: string,
    /** Element path (`/wsdl:definitions/wsdl:types/xs:schema[2]/xs:complexType[@name='Ad']`) or JSON pointer (`#/components/schemas/Ad`). */
    readonly place: string,
    /** What is wrong, e.g. `unknown type reference 'tns:Foo'`. */
    readonly problem: string,
  ) {
    super(`${file}: ${problem} at ${place}`);
  }
}
