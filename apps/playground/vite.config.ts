import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MODEL, weightsDirUrl } from '@vrvq/models';
import { type Plugin, defineConfig } from 'vite';

const root = join(import.meta.dirname, '..', '..');
const weights = fileURLToPath(weightsDirUrl()); // where the CLI looks for `<name>.safetensors`

/**
 * Files the app fetches at run time, taken from the repository at build time: the example clip,
 * and trained weights when `@vrvq/models` ships them (`<name>.safetensors` in its weights folder,
 * the files the CLI loads). The page URL → repository file; missing weights are simply not served,
 * and the app then runs the untrained model of the preset.
 */
const FILES: Record<string, string> = {
  'examples/speech.wav': join(root, 'examples', 'speech.wav'),
  'models/default.safetensors': join(weights, `${DEFAULT_MODEL}.safetensors`),
  'models/vrvq-micro.safetensors': join(weights, 'vrvq-micro.safetensors'),
};

function repoFiles(): Plugin {
  return {
    name: 'vrvq-repo-files',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0] ?? '';
        const key = Object.keys(FILES).find((k) => path.endsWith(`/${k}`));
        if (!key || !existsSync(FILES[key])) return next();
        res.setHeader('Content-Type', key.endsWith('.wav') ? 'audio/wav' : 'application/octet-stream');
        res.end(readFileSync(FILES[key]));
      });
    },
    generateBundle() {
      for (const [fileName, source] of Object.entries(FILES)) {
        if (existsSync(source)) this.emitFile({ type: 'asset', fileName, source: readFileSync(source) });
      }
    },
  };
}

export default defineConfig({
  base: './',
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 4096 },
  worker: { format: 'es' },
  plugins: [repoFiles()],
});
