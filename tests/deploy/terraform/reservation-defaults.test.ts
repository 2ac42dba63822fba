import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeUsageFileSchema } from '../../../scripts/finops/input/node-usage-schema.ts';
import { parseInput } from '../../../scripts/finops/input/read-input.ts';
import { analyseReservations } from '../../../scripts/finops/reservations/analyse-reservations.ts';
import { terraformLines } from '../../../scripts/finops/reservations/render-reservations.ts';
import { fromRoot } from '../../../scripts/lib/paths.ts';
import { at, moduleCall, variables } from './hcl-values.ts';
import { loadModules, type Module } from './terraform-files.ts';

const fixture = 'scripts/finops/fixtures/node-usage.json';
const reservationVariables = ['reserved_vcpus', 'reserved_memory_gb', 'commitment_plan'] as const;

/** What `npm run finops -- reservations --usage <fixture>` prints as Terraform lines, as variable → value. */
const recommendation = (): Record<string, unknown> => {
  const usage = parseInput(fixture, readFileSync(fromRoot(fixture), 'utf8'), nodeUsageFileSchema);
  const lines = terraformLines(analyseReservations(usage));
  return Object.fromEntries(
    lines.map((line): [string, unknown] => {
      const match = /^(\w+) = (.+)$/.exec(line);
      if (match === null) throw new Error(`not a Terraform variable line: ${line}`);
      return [match[1]!, JSON.parse(match[2]!)];
    }),
  );
};

const defaultsOf = (module: Module): Record<string, unknown> =>
  Object.fromEntries(reservationVariables.map((name) => [name, at(variables(module.documents)[name], 'default')]));

describe('reservation defaults (terraform/ against the FinOps report)', () => {
  let modules: Map<string, Module>;
  const module = (dir: string): Module => {
    const found = modules.get(dir);
    if (found === undefined) throw new Error(`module ${dir} not found`);
    return found;
  };

  beforeAll(async () => {
    modules = await loadModules();
  });

  it('should read a commitment worth making from the committed fixture', () => {
    expect(Object.keys(recommendation())).toEqual([...reservationVariables]);
    expect(recommendation().commitment_plan).not.toBe('none');
  });

  /** What an env root passes to the stack for the reservation variables (absent: the stack's default). */
  const passedBy = (env: string): Record<string, unknown> => {
    const call = moduleCall(module(`envs/${env}`).documents, 'stack') ?? {};
    return Object.fromEntries(reservationVariables.map((name) => [name, call[name]]));
  };

  it.each(['modules/reservations', 'stack'])('should default %s to what the reservations report prints', (dir) => {
    expect(defaultsOf(module(dir))).toEqual(recommendation());
  });

  it("should give production the stack's defaults, the report's recommendation", () => {
    expect(passedBy('production')).toEqual({ reserved_vcpus: undefined, reserved_memory_gb: undefined, commitment_plan: undefined });
  });

  it('should keep staging without a reservation or commitment (the fixture is production-sized)', () => {
    expect(passedBy('staging')).toEqual({ reserved_vcpus: 0, reserved_memory_gb: 0, commitment_plan: 'none' });
  });
});
