/** Whether a driver error is a unique-index violation (E11000): the project's conflict signal. */
export const isDuplicateKey = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 11000;
