import { chatEn } from '$lib/i18n/chat.en';
import { chatFr } from '$lib/i18n/chat.fr';
import type { RequestHandler } from './$types';

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * A stand-in for a customer's website: a plain page, not one of ours, that embeds the chat
 * widget with the one tag a site adds. `?lang=en` gives the English page (and widget).
 */
export const GET: RequestHandler = ({ url }) => {
  const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'fr';
  const t = (lang === 'en' ? chatEn : chatFr).demo;
  const tag = `<script src="${url.origin}/widget.js" data-relais-channel="chat"></script>`;
  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t.title)}</title>
<style>
  body { margin: 0; font-family: Georgia, serif; background: #fdf6ec; color: #3b2f2f; }
  main { max-width: 760px; margin: 0 auto; padding: 32px 20px 120px; }
  h1 { font-size: 2rem; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; padding: 12px; border: 1px solid #e0d5c5; }
  /* A host page's broad rules: the widget's shadow root keeps them out. */
  button { background: hotpink; border: 4px dashed green; }
</style>
</head>
<body>
<main>
<h1>${escape(t.title)}</h1>
<p>${escape(t.lead)}</p>
<h2>${escape(t.snippet)}</h2>
<pre><code>${escape(tag)}</code></pre>
<p>${escape(t.agents)} <a href="${url.origin}/login">${escape(url.origin)}/login</a></p>
</main>
${tag}
</body>
</html>
`;
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } });
};
