/** Where the CLI prints; tests pass collectors, the entry point passes the process streams. */
export interface Io {
  stdout(this: void, text: string): void;
  stderr(this: void, text: string): void;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
