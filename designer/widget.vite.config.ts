import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The chat widget as one script, beside the designer's client files (adapter-node serves
 * build/client at the root, so it is /widget.js). Run after the designer's build, which
 * empties build/. Styles are injected by each component into the shadow root it mounts in.
 */
export default defineConfig({
  plugins: [
    svelte({
      configFile: false,
      preprocess: vitePreprocess(),
      emitCss: false,
      compilerOptions: { css: 'injected' },
    }),
  ],
  build: {
    outDir: fileURLToPath(new URL('./build/client', import.meta.url)),
    emptyOutDir: false,
    copyPublicDir: false,
    lib: {
      entry: fileURLToPath(new URL('src/widget/main.ts', import.meta.url)),
      formats: ['iife'],
      name: 'RelaisWidget',
      fileName: () => 'widget.js',
    },
  },
});
