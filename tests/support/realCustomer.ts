import { randomUUID } from 'node:crypto';
import { defaultNewCustomer } from '../../worker/store/customers';
import type { Stores } from '../../worker/store/stores';
import type { CustomerProfile } from '../../workflows/contracts/messages';
import { customerProfile } from './messages';

/**
 * A new customer created by the customer store itself, as the inbound API creates one (by their
 * email, unique unless given), and the profile the workflows get for them.
 */
export async function createCustomer(
  stores: Pick<Stores, 'customers'>,
  email = `client-${randomUUID().slice(0, 8)}@exemple.fr`,
): Promise<CustomerProfile> {
  const doc = await stores.customers.findOrCreate(
    { email },
    { ...defaultNewCustomer, name: 'Claire Martin' },
  );
  return customerProfile({ customerId: doc._id, email: doc.email, name: doc.name ?? '' });
}
