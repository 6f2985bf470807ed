/** A team change the rules refuse (a taken name, a member who is not an operator): nothing is stored. */
export class TeamChangeRefusedError extends Error {
  override name = 'TeamChangeRefusedError';
  /** The form field the problem belongs to, to show it next to that field. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
