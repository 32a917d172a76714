const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
};

/**
 * The chat site form as a plain object for ChatSiteDocSchema to judge: categories as checkboxes,
 * the allowed origins one per line (a trailing slash, as copied from an address bar, dropped).
 */
export function readChatSiteForm(form: FormData) {
  return {
    _id: text(form, 'id'),
    labels: { fr: text(form, 'labelFr'), en: text(form, 'labelEn') },
    categories: form.getAll('categories').filter((v): v is string => typeof v === 'string'),
    queueId: text(form, 'queueId'),
    offlineOffer: form.get('offlineOffer') === 'on',
    origins: text(form, 'origins')
      .split(/\s+/)
      .filter((line) => line !== '')
      .map((line) => line.replace(/\/$/, '')),
  };
}
