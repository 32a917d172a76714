import { mount } from 'svelte';
import { chatClient } from './chatClient';
import Widget from './Widget.svelte';

/**
 * `<script src="https://relais.example/widget.js" data-relais-channel="chat">`: the widget talks
 * to the Relais that served it, in the host page's language, inside a shadow root so that the
 * page's styles and ours never meet.
 */
const script = document.currentScript as HTMLScriptElement | null;
const base = new URL(script?.src ?? '/', document.baseURI).origin;
const lang = document.documentElement.lang.toLowerCase().startsWith('en') ? 'en' : 'fr';

const host = document.createElement('div');
host.setAttribute('data-relais-widget', '');
document.body.append(host);
mount(Widget, {
  target: host.attachShadow({ mode: 'open' }),
  props: { client: chatClient(base), lang },
});
