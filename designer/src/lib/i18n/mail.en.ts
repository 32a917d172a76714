/** English text of the mail pages: the dev mail sink and inbound mail (merged into en.ts). */
export const mailEn = {
  mail: {
    title: 'Mail',
    intro:
      'Mail sent to customers while no SMTP relay is configured, caught by the local sink, and mail received on the SMTP port.',
    sent: 'Sent to customers',
    sentEmpty:
      'Nothing caught yet. Outgoing mail lands here when Relais runs without SMTP_URL (npm start).',
    received: 'Received',
    receivedEmpty: 'No mail received yet. Send one with any mail client to localhost:2525.',
    from: 'From',
    to: 'To',
    subject: 'Subject',
    date: 'Date',
    status: 'Status',
    noSubject: '(no subject)',
    headers: 'Threading headers',
    messageId: 'Message-ID',
    inReplyTo: 'In-Reply-To',
    references: 'References',
    body: 'Text',
    fullText: 'Whole text, quoted history included',
    attachments: 'Attachments',
    download: (name: string) => `Download ${name}`,
    openCase: (ref: string) => `Case ${ref}`,
    statuses: {
      received: 'Being taken in',
      delivered: 'In a case',
      automatic: 'Automatic, not answered',
      refused: 'Refused',
    },
    automaticReasons: {
      'auto-submitted': 'Auto-Submitted header',
      precedence: 'bulk or list mail',
      'autoreply-header': 'autoresponder header',
      'mailer-daemon': 'from a mailer daemon',
      'null-sender': 'delivery report',
    } as Record<string, string>,
    refusals: {
      'too-large': 'refused: too large',
      'type-not-allowed': 'refused: type not allowed',
    },
  },
};
