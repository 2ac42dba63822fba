import { DomainError } from '../kernel/index.ts';

/** Why one operation of a batch could not be applied. `rule` is stable: e.g. NODE_NOT_FOUND, DUPLICATE_ID. */
export interface OperationFailure {
  index: number;
  type: string;
  rule: string;
  detail: string;
}

/** Thrown inside one operation; the batch collects it as a failure. */
export class OperationRuleError extends Error {
  readonly rule: string;
  constructor(rule: string, detail: string) {
    super(detail);
    this.name = 'OperationRuleError';
    this.rule = rule;
  }
}

export const rejectOperation = (rule: string, detail: string): never => {
  throw new OperationRuleError(rule, detail);
};

export const flowErrors = {
  operationsFailed: (failures: OperationFailure[]) =>
    new DomainError('unprocessable', 'OPERATIONS_FAILED', {
      detail: `${failures.length} operation(s) of the batch could not be applied; nothing was changed.`,
      extensions: { failures },
    }),
};
