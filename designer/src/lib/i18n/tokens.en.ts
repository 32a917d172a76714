/** English text of the API tokens page and the sign-in throttle (merged into en.ts). */
export const tokensEn = {
  tokens: {
    title: 'API tokens',
    intro:
      'Channel connectors and other programs call the Relais API with a token: Authorization: Bearer <token>. Each token may only do what its scopes allow.',
    createTitle: 'New token',
    name: 'Name',
    namePlaceholder: 'e.g. Web form connector',
    scopes: 'Scopes',
    scopeLabels: {
      'inbound:write': 'Post inbound messages',
      'cases:read': 'Read cases',
      'tasks:read': 'Read the task lists',
      'customers:export': 'Export a customer’s personal data',
      'customers:erase': 'Erase a customer for good',
    },
    create: 'Create the token',
    created: (name: string) => `Token “${name}” created. Copy it now: it will not be shown again.`,
    copyHint: 'Store it in your connector’s secrets; Relais keeps only a fingerprint of it.',
    listTitle: 'Tokens',
    none: 'No token yet.',
    columns: {
      name: 'Name',
      token: 'Starts with',
      scopes: 'Scopes',
      created: 'Created',
      status: 'Status',
    },
    createdBy: (who: string) => `by ${who}`,
    active: 'Active',
    revoked: (when: string, who: string) => `Revoked ${when} by ${who}`,
    revoke: 'Revoke',
    revokeConfirm: (name: string) => `Revoke “${name}”? Programs using it will be refused at once.`,
    revokedDone: (name: string) => `Token “${name}” revoked.`,
    auditTitle: 'Audit log',
    auditCreated: (who: string, name: string) => `${who} created the token “${name}”`,
    auditRevoked: (who: string, name: string) => `${who} revoked the token “${name}”`,
    errors: {
      name: 'Give the token a name (80 characters at most).',
      scopes: 'Choose at least one scope.',
      notFound: 'This token does not exist or is already revoked.',
      managersOnly: 'Only managers create and revoke API tokens.',
    },
  },
  loginThrottle: {
    throttled: (minutes: number) =>
      `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
  },
};
