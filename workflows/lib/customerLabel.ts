import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Home numbers read as people write them here; others with their country code. */
const homeCountry = 'FR';

/** "06 12 34 56 78" for a French number, "+44 7700 900123" for another, from E.164. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === homeCountry ? parsed.formatNational() : parsed.formatInternational();
}

export interface Labelled {
  name: string | null;
  email: string | null;
  phone: string | null;
  handle: string | null;
  address?: string | null;
}

/** How agents see a customer: their name, or until a contact gives it how they wrote to us. */
export function customerLabel(c: Labelled): string {
  return c.name || c.email || (c.phone && formatPhone(c.phone)) || c.handle || c.address || '';
}
