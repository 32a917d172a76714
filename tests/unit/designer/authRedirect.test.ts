import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from '../../../designer/src/lib/server/authRedirect';

describe('the redirect target after sign-in or a language switch', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeRedirectTarget('/tasks')).toBe('/tasks');
    expect(safeRedirectTarget('/cases/abc?tab=timeline#m2')).toBe('/cases/abc?tab=timeline#m2');
    expect(safeRedirectTarget('/rules/default/versions?from=1&to=2')).toBe(
      '/rules/default/versions?from=1&to=2',
    );
  });

  it.each([
    ['scheme-relative', '//evil.example'],
    ['backslash, read as a slash by browsers', '/\\evil.example'],
    ['backslash further on', '/tasks/..\\..\\/evil.example'],
    ['encoded backslash', '/%5Cevil.example'],
    ['encoded backslash, lower case', '/%5cevil.example'],
    ['tab, which browsers strip', '/\t/evil.example'],
    ['encoded tab', '/%09/evil.example'],
    ['newline', '/\n/evil.example'],
    ['encoded carriage return', '/%0d/evil.example'],
    ['absolute URL', 'https://evil.example/'],
    ['scheme without slashes', 'javascript:alert(1)'],
    ['relative path', 'tasks'],
    ['empty', ''],
  ])('refuses %s', (_what, next) => {
    expect(safeRedirectTarget(next)).toBeNull();
  });

  it('refuses what is not a string, and absurdly long targets', () => {
    expect(safeRedirectTarget(null)).toBeNull();
    expect(safeRedirectTarget(undefined)).toBeNull();
    expect(safeRedirectTarget(`/${'a'.repeat(3000)}`)).toBeNull();
  });
});
