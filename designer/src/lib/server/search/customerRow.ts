import type { ListedCustomer } from '$worker/store/search';
import { customerLabel, formatPhone } from '$workflows/lib/customerLabel';

/** A customer as the search and the customer list show them: words, no ids beyond the link. */
export const customerRow = (c: ListedCustomer) => ({
  id: c._id,
  label: customerLabel(c),
  email: c.email,
  phone: c.phone ? formatPhone(c.phone) : null,
  handle: c.handle,
  lastContactAt: (c.lastContactAt ?? c.createdAt).toISOString(),
});
export type CustomerRow = ReturnType<typeof customerRow>;
