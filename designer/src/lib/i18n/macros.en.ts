/** English text of the canned replies page, their picker in the reply box, and placeholder checks. */
export const macrosEn = {
  macros: {
    nav: 'Canned replies',
    title: 'Canned replies',
    intro:
      'Replies agents insert by typing / in the reply box, then edit before sending. Placeholders: {name} (customer), {ref} (case reference), {promise} (the promise in words), {due} (its deadline), {agent} (the agent answering).',
    new: 'New canned reply',
    empty: 'No canned reply yet.',
    name: 'Name',
    lang: 'Language',
    body: 'Text',
    actions: 'When the reply is sent, also',
    transferTo: 'Transfer to queue',
    noTransfer: 'No transfer',
    askCustomer: 'Ask the customer (the clock waits for their answer)',
    tag: 'Tag the case (empty: no tag)',
    saved: (name: string) => `Canned reply “${name}” saved.`,
    removed: (name: string) => `Canned reply “${name}” deleted.`,
    gone: 'This canned reply no longer exists.',
    invalid: 'Check these fields:',
    readOnly: 'Only managers change canned replies; you can look.',
    transfers: (queue: string) => `then transfers to ${queue}`,
    asks: 'asks the customer',
    tags: (tag: string) => `tags “${tag}”`,
    picker: {
      button: 'Canned replies',
      search: 'Search canned replies',
      hint: 'Type / in the reply to insert one.',
      none: 'No canned reply matches.',
      failed: 'Canned replies could not be loaded.',
    },
  },
  placeholders: {
    unknown: (names: string[], known: readonly string[]) =>
      `Unknown placeholder${names.length > 1 ? 's' : ''} ${names.map((n) => `{${n}}`).join(', ')}: use only ${known.map((n) => `{${n}}`).join(', ')}.`,
  },
};
