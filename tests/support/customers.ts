import type { CustomerProfile } from '../../workflows/contracts/messages';
import { isDuplicateKey } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';

/** Stores a test customer as the inbound API would have, so activities find their record. */
export async function storeCustomer(stores: Stores, c: CustomerProfile): Promise<void> {
  const { customerId, ...profile } = c;
  await stores.customers.col
    .updateOne(
      { _id: customerId },
      { $setOnInsert: { ...profile, lastCsat: null, createdAt: new Date() } },
      { upsert: true },
    )
    .catch((err: unknown) => {
      // Two messages at once for a new customer: the other upsert created it.
      if (!isDuplicateKey(err)) throw err;
    });
}
