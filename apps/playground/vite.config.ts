import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Plugin, defineConfig } from 'vite';

const root = join(import.meta.dirname, '..', '..');

/** Bundled example clips: served from the repo's `examples/` in dev, copied into the build. */
const EXAMPLES = ['speech.wav'];

function examples(): Plugin {
  return {
    name: 'vrvq-examples',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.split('?')[0].replace(/^.*\/examples\//, '');
        if (!req.url?.includes('/examples/') || !name || !EXAMPLES.includes(name)) return next();
        res.setHeader('Content-Type', 'audio/wav');
        res.end(readFileSync(join(root, 'examples', name)));
      });
    },
    generateBundle() {
      for (const name of EXAMPLES) {
        this.emitFile({ type: 'asset', fileName: `examples/${name}`, source: readFileSync(join(root, 'examples', name)) });
      }
    },
  };
}

export default defineConfig({
  base: './',
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 4096 },
  worker: { format: 'es' },
  plugins: [examples()],
});
