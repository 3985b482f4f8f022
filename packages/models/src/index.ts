import { MODELS, type ShippedModel } from './catalog.js';

export { DEFAULT_MODEL, MODELS, type ShippedModel } from './catalog.js';

/** The shipped model called `name`, or undefined. */
export function findShippedModel(name: string): ShippedModel | undefined {
  return MODELS.find((m) => m.name === name);
}

/** URL of this package's `weights/` folder (a file: URL in Node). */
export function weightsDirUrl(): URL {
  return new URL('../weights/', import.meta.url);
}

/** URL of a shipped weights file, or undefined when no model of that name ships. */
export function shippedModelUrl(name: string): URL | undefined {
  const m = findShippedModel(name);
  return m ? new URL(m.file, weightsDirUrl()) : undefined;
}
