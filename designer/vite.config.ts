import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // The server side imports rules/, workflows/ and worker/ from the repository root.
  server: { fs: { allow: ['..'] } },
  build: { chunkSizeWarningLimit: 1500 },
});
