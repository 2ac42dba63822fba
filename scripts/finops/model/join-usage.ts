import { FinOpsInputError } from '../input/input-error.ts';
import type { FunctionUsage } from '../input/usage-schema.ts';
import type { FunctionProfile } from './function-profile.ts';

/**
 * Usage rows by function name. Throws a FinOpsInputError naming `file` and the field of every row
 * that names an unknown function, repeats one, or reports calls of a model the prices file does not price.
 * Credits may be reported for any function: the ledger names the function that committed them (the
 * AI job runner commits what the request functions reserved).
 */
export const joinUsage = (
  file: string,
  rows: readonly FunctionUsage[],
  profiles: readonly FunctionProfile[],
  pricedModels: ReadonlySet<string> = new Set(),
): Map<string, FunctionUsage> => {
  const known = new Map(profiles.map((profile) => [profile.name, profile]));
  const byName = new Map<string, FunctionUsage>();
  const problems: string[] = [];
  rows.forEach((row, index) => {
    const profile = known.get(row.function);
    if (!profile) problems.push(`functions[${index}].function: unknown function "${row.function}" (not in functions/)`);
    else if (byName.has(row.function)) problems.push(`functions[${index}].function: "${row.function}" appears twice`);
    row.modelCalls?.forEach((call, at) => {
      if (!pricedModels.has(call.model)) problems.push(`functions[${index}].modelCalls[${at}].model: no price for "${call.model}"`);
    });
    byName.set(row.function, row);
  });
  if (problems.length > 0) throw new FinOpsInputError(file, problems);
  return byName;
};
