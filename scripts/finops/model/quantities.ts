const memoryUnits: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };

/** A Kubernetes CPU quantity in cores: `"100m"` → 0.1, `"1"` → 1. Throws on anything else. */
export const parseCpu = (quantity: string): number => {
  const match = /^(\d+(?:\.\d+)?)(m?)$/.exec(quantity);
  if (!match) throw new Error(`not a CPU quantity: ${quantity}`);
  return Number(match[1]) / (match[2] ? 1000 : 1);
};

/** A Kubernetes memory quantity in GiB: `"192Mi"` → 0.1875, `"1G"` → 0.931…. Throws on anything else. */
export const parseMemoryGib = (quantity: string): number => {
  const match = /^(\d+(?:\.\d+)?)(|k|M|G|T|Ki|Mi|Gi|Ti)$/.exec(quantity);
  if (!match) throw new Error(`not a memory quantity: ${quantity}`);
  return (Number(match[1]) * memoryUnits[match[2]!]!) / 2 ** 30;
};
