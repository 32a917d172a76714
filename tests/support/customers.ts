import type { CustomerProfile } from '../../workflows/contracts/messages';
import { insertOnce } from '../../worker/store/mongo';
import type { Stores } from '../../worker/store/stores';

/** Stores a test customer as the inbound API would have, so activities find their record. */
export async function storeCustomer(stores: Stores, c: CustomerProfile): Promise<void> {
  const { customerId, ...profile } = c;
  // Two messages at once for a new customer: whichever insert comes second finds it there.
  await insertOnce(stores.customers.col, {
    _id: customerId,
    ...profile,
    lastCsat: null,
    createdAt: new Date(),
  });
}
