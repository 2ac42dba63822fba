import type { Redis } from 'ioredis';

/** One entry of an Upstash REST response. */
export type CommandResult = { result: unknown } | { error: string };
/** A command as Redis receives it: name first, then arguments. */
export type Command = readonly [string, ...string[]];

/** The request body is not a command (or not a list of commands). */
export class BadCommandError extends Error {
  override name = 'BadCommandError';
}

// These would change or block the connection shared by every request.
const refused = new Set([
  'subscribe',
  'psubscribe',
  'ssubscribe',
  'unsubscribe',
  'punsubscribe',
  'sunsubscribe',
  'monitor',
  'multi',
  'exec',
  'discard',
  'watch',
  'unwatch',
  'select',
  'swapdb',
  'quit',
  'reset',
  'auth',
  'hello',
  'client',
  'wait',
  'waitaof',
]);
// Blocking commands get a connection of their own for the duration of the call.
const blocking = new Set(['blpop', 'brpop', 'blmove', 'brpoplpush', 'blmpop', 'bzpopmin', 'bzpopmax', 'bzmpop']);

/** Validates one command from a request body; JSON scalars become the strings Redis expects. */
export function parseCommand(value: unknown): Command {
  if (!Array.isArray(value) || value.length === 0) throw new BadCommandError('ERR command must be a non-empty array');
  const parts = value.map((part: unknown) => {
    if (typeof part === 'string') return part;
    if (typeof part === 'number' || typeof part === 'boolean') return String(part);
    if (part === null) return '';
    throw new BadCommandError('ERR command arguments must be strings, numbers or booleans');
  });
  const [name, ...args] = parts;
  if (name === undefined || name === '') throw new BadCommandError('ERR empty command name');
  if (refused.has(name.toLowerCase())) throw new BadCommandError(`ERR ${name} is not supported by the dev bridge`);
  return [name, ...args];
}

/** Validates a pipeline or transaction body: a non-empty array of commands. */
export function parseCommands(value: unknown): Command[] {
  if (!Array.isArray(value) || value.length === 0) throw new BadCommandError('ERR expected an array of commands');
  return value.map(parseCommand);
}

export async function runCommand(redis: Redis, [name, ...args]: Command): Promise<CommandResult> {
  const isBlocking = blocking.has(name.toLowerCase()) || isBlockingStreamRead(name, args);
  const connection = isBlocking ? redis.duplicate() : redis;
  try {
    return { result: await connection.callBuffer(name, args) };
  } catch (error) {
    return { error: messageOf(error) };
  } finally {
    if (isBlocking) connection.disconnect();
  }
}

/** Runs commands in order without atomicity; each gets its own result or error. */
export async function runPipeline(redis: Redis, commands: readonly Command[]): Promise<CommandResult[]> {
  const pipeline = redis.pipeline();
  for (const [name, ...args] of commands) pipeline.callBuffer(name, args);
  return toResults(await pipeline.exec());
}

/** Runs commands as MULTI/EXEC; a command refused while queueing aborts the whole transaction (throws). */
export async function runMultiExec(redis: Redis, commands: readonly Command[]): Promise<CommandResult[]> {
  const transaction = redis.multi();
  for (const [name, ...args] of commands) transaction.callBuffer(name, args);
  const replies = await transaction.exec();
  if (replies === null) throw new Error('EXECABORT transaction aborted');
  return toResults(replies);
}

function toResults(replies: [Error | null, unknown][] | null): CommandResult[] {
  return (replies ?? []).map(([error, reply]) => (error ? { error: messageOf(error) } : { result: reply }));
}

function isBlockingStreamRead(name: string, args: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return (lower === 'xread' || lower === 'xreadgroup') && args.some((arg) => arg.toLowerCase() === 'block');
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
