import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js';

/** Where a number written without its country code ("06 12 34 56 78") is assumed to be. */
export const defaultPhoneCountry: CountryCode = 'FR';

export const isPhoneCountry = (value: string): value is CountryCode => isSupportedCountry(value);

/**
 * The number in E.164 ("+33612345678") however it was written, or null when it cannot be a
 * phone number. "Possible" (the right length for its country) rather than "valid": numbering
 * plans change faster than the metadata, and a real customer must never be refused.
 */
export function toE164(raw: string, country: CountryCode = defaultPhoneCountry): string | null {
  const parsed = parsePhoneNumberFromString(raw, country);
  return parsed?.isPossible() ? parsed.number : null;
}
