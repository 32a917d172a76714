import { mount } from 'svelte';
import { chatClient } from './chatClient';
import { siteClient } from './siteClient';
import Widget from './Widget.svelte';

/**
 * `<script src="https://relais.example/widget.js" data-relais-channel="chat">` (the chat site's
 * id), with `data-relais-user-email` and `data-relais-user-hash` for a signed-in customer: the
 * widget talks to the Relais that served it, in the host page's language, inside a shadow root
 * so that the page's styles and ours never meet.
 */
const script = document.currentScript as HTMLScriptElement | null;
const base = new URL(script?.src ?? '/', document.baseURI).origin;
const siteId = script?.dataset.relaisChannel ?? 'chat';
// The host page's signed-in customer, if it says so; the server believes only a matching hash.
const email = script?.dataset.relaisUserEmail;
const hash = script?.dataset.relaisUserHash;
const identity =
  email && hash ? { email, hash, name: script?.dataset.relaisUserName ?? null } : null;
const lang = document.documentElement.lang.toLowerCase().startsWith('en') ? 'en' : 'fr';

const host = document.createElement('div');
host.setAttribute('data-relais-widget', '');
document.body.append(host);
mount(Widget, {
  target: host.attachShadow({ mode: 'open' }),
  props: { client: chatClient(base), site: siteClient(base, siteId), identity, lang },
});
