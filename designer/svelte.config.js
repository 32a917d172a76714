import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    alias: {
      $rules: '../rules',
      $workflows: '../workflows',
      $worker: '../worker',
    },
    // The widget's build config sits beside vite.config.ts, out of the runtime sources.
    typescript: {
      config: (config) => ({ ...config, include: [...config.include, '../widget.vite.config.ts'] }),
    },
    // Scripts only from this site (SvelteKit hashes its inline start-up script); no framing.
    // Styles allow inline attributes, which Svelte's style: directives and transitions write.
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};
