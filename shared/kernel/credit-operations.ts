/** Credit-priced operations and their cost in credits (docs/product.md, "Credits"). */
export const creditCosts = {
  'ai.chat': 1,
  'ai.plan': 3,
  'ai.generate': 10,
  'ai.refine': 2,
  'ai.review': 2,
  'ai.image': 5,
  'knowledge.query': 2,
  'knowledge.ingest': 1,
} as const;
export type CreditOperation = keyof typeof creditCosts;
export const creditOperations = Object.keys(creditCosts) as CreditOperation[];
