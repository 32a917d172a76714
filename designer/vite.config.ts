import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // The server side imports rules/, workflows/ and worker/ from the repository root.
  server: { fs: { allow: ['..'] } },
  build: { chunkSizeWarningLimit: 1500 },
  // Svelte component libraries ship .svelte sources: compile them into the server bundle
  // (they live in the root package.json, which vite-plugin-svelte does not crawl).
  ssr: { noExternal: ['bits-ui', 'svelte-toolbelt', 'runed', 'svelte-dnd-action'] },
});
