import type { Lifecycle } from '../contracts/case';
import type { CustomerProfile, InboundMessage } from '../contracts/messages';

const complaintCategories = ['complaint', 'réclamation', 'reclamation', 'litige'];
const formalWords = /r[ée]clamation formelle|formal complaint|mise en demeure|m[ée]diateur/i;

/**
 * Which lifecycle a new case runs: a business customer's formal complaint gets the B2B complaint
 * lifecycle (written answer, legal review); everything else the standard one.
 */
export function chooseLifecycle(customer: CustomerProfile, message: InboundMessage): Lifecycle {
  if (customer.segment !== 'B2B') return 'standard';
  const category = message.category?.toLowerCase() ?? '';
  const text = `${message.subject ?? ''} ${message.text}`;
  return complaintCategories.includes(category) || formalWords.test(text)
    ? 'b2b-complaint'
    : 'standard';
}
