interface Validatable {
  validate(): void;
  metadata?: { name?: string } | undefined;
}

/**
 * Runs a model's schema validation and returns it; the error names the object, so a manifest
 * the API server would reject stops `npm run gen` with a message saying which one.
 */
export const validated = <M extends Validatable>(model: M, kind: string): M => {
  try {
    model.validate();
  } catch (error) {
    const name = model.metadata?.name;
    throw new Error(`${kind}${name ? ` ${name}` : ''} is invalid: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return model;
};
