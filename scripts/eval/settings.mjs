// The operating points evaluated: which system, which knob value, labels for tables and plots.

/** Systems in plotting/table order, with display names. */
export const SYSTEMS = {
  'vrvq-vbr': { name: 'VRVQ (VBR)', knob: 'ℓ' },
  'vrvq-cbr': { name: 'VRVQ, CBR mode', knob: 'n' },
  'baseline-cbr': { name: 'CBR baseline', knob: 'n' },
  'ramp-vbr': { name: 'VRVQ, ramp estimator (VBR)', knob: 'ℓ' },
  'opus-vbr': { name: 'Opus --vbr', knob: 'kbps' },
  'opus-cbr': { name: 'Opus --hard-cbr', knob: 'kbps' },
};

// ℓ·N_q < 1 (ℓ < 0.125 at N_q = 8) gives n = 1 on every frame — CBR n = 1 plus side info — so the
// levels start above it; the top ones approach N_q codebooks on all but the quietest frames.
export const DEFAULT_LEVELS = [0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3];
/** Levels drawn as rows of the codebook-usage picture. */
export const FIGURE_LEVELS = [0.2, 0.5, 1, 2];
export const DEFAULT_OPUS_KBPS = [6, 8, 12, 16];

/**
 * @typedef {{ id: string, system: keyof typeof SYSTEMS, role: 'vrvq' | 'cbr-baseline' | 'ramp' | 'opus',
 *   mode: 'vbr' | 'cbr', param: number }} Setting
 */

/**
 * Settings of one model. `vrvq`: VBR at every level (if it has an importance subnet) and CBR
 * n = 1…N_q; `cbr-baseline`: CBR n = 1…N_q; `ramp`: VBR at every level.
 * @param {'vrvq' | 'cbr-baseline' | 'ramp'} role
 * @param {{ supportsVbr: boolean, rateCfg: { nCodebooks: number } }} model
 * @param {number[]} levels
 * @returns {Setting[]}
 */
export function modelSettings(role, model, levels) {
  const nq = model.rateCfg.nCodebooks;
  const vbr = (system) => levels.map((l) => ({ id: `${system}:${l}`, system, role, mode: 'vbr', param: l }));
  const cbr = (system) => Array.from({ length: nq }, (_, i) => ({ id: `${system}:${i + 1}`, system, role, mode: 'cbr', param: i + 1 }));
  if (role === 'vrvq') return [...(model.supportsVbr ? vbr('vrvq-vbr') : []), ...cbr('vrvq-cbr')];
  if (role === 'cbr-baseline') return cbr('baseline-cbr');
  return model.supportsVbr ? vbr('ramp-vbr') : [];
}

/**
 * @param {number[]} kbpsList
 * @returns {Setting[]}
 */
export function opusSettings(kbpsList) {
  return ['vbr', 'cbr'].flatMap((mode) =>
    kbpsList.map((k) => ({ id: `opus-${mode}:${k}`, system: /** @type {const} */ (`opus-${mode}`), role: 'opus', mode, param: k })),
  );
}

/** "ℓ = 0.5", "n = 3", "6 kbps". */
export function paramLabel(system, param) {
  const knob = SYSTEMS[system].knob;
  return knob === 'kbps' ? `${param} kbps` : `${knob} = ${param}`;
}
