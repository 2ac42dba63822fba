import { DomainError } from '../../kernel/index.ts';
import type { ErasureReceipt } from '../../privacy/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { createErasureRunStore } from '../mongodb/erasure-run-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { erasureIds } from './erasure-ids.ts';

export interface ErasureReceipts {
  /**
   * The receipt, for whoever holds its token (the account is gone, so no sign-in can prove who
   * asks). A wrong token and an unknown id answer the same, so ids cannot be probed.
   * @throws ERASURE_RECEIPT_NOT_FOUND, ERASURE_RECEIPT_PENDING (the erasure has not finished)
   */
  read: (id: string, token: string) => Promise<ErasureReceipt>;
}

export const erasureReceiptErrors = {
  notFound: () => new DomainError('not_found', 'ERASURE_RECEIPT_NOT_FOUND', { detail: 'No erasure receipt has this id and token.' }),
  pending: () =>
    new DomainError('conflict', 'ERASURE_RECEIPT_PENDING', {
      detail: 'This erasure has not finished yet (its grace period may still run); ask again later.',
    }),
};

export const erasureReceipts = defineResource({
  name: 'erasure-receipts',
  config: defineConfig({ name: 'erasure-receipts', shape: {}, devDefaults: {} }),
  requires: [mongo, erasureIds],
  create: (_config, { use }): ErasureReceipts => {
    const ids = use(erasureIds);
    const store = createErasureRunStore(use(mongo).db);
    return {
      read: async (id, token) => {
        if (!ids.isToken(id, token)) throw erasureReceiptErrors.notFound();
        const receipt = await store.receipt(id);
        if (!receipt) throw erasureReceiptErrors.pending();
        return receipt;
      },
    };
  },
});
