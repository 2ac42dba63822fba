/**
 * A usage, prices or node-usage file that cannot be used: missing, not JSON, failing its schema,
 * or naming something the definitions do not know. The message names the file and each bad field,
 * so the CLI prints it as it is and exits with 1.
 */
export class FinOpsInputError extends Error {
  readonly file: string;
  readonly problems: readonly string[];

  constructor(file: string, problems: readonly string[]) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'FinOpsInputError';
    this.file = file;
    this.problems = problems;
  }
}
