const mebibytesPer: Readonly<Record<string, number>> = {
  '': 1 / 2 ** 20,
  Ki: 1 / 1024,
  Mi: 1,
  Gi: 1024,
  k: 1000 / 2 ** 20,
  M: 10 ** 6 / 2 ** 20,
  G: 10 ** 9 / 2 ** 20,
};

/** Lambda's smallest memory size. */
const lambdaMinimumMiB = 128;

/** A Kubernetes memory quantity (`256Mi`, `1Gi`, `512M`) as a Lambda `memorySize` in MiB. */
export const lambdaMemoryMiB = (quantity: string): number => {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|k|M|G)?$/.exec(quantity);
  const factor = mebibytesPer[match?.[2] ?? ''];
  if (!match?.[1] || factor === undefined) throw new Error(`unsupported memory quantity "${quantity}"`);
  return Math.max(lambdaMinimumMiB, Math.ceil(Number(match[1]) * factor));
};
