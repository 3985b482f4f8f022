// The rate of what `vrvq encode --entropy` actually writes for one setting: the codes and counts
// coded into `.vrvq` chunks with the range coder (raw fallback per chunk), counted as the bytes of
// the chunk records only — the header (model name, hash) and end record are a fixed cost per file,
// like Opus's Ogg headers, which the Opus points leave out too.
import { VrvqWriter, raggedFromDense } from '../../packages/bitstream/dist/index.js';

/**
 * @param {{ nCodebooks: number, codebookSize: number, sampleRate: number, hop: number }} rateCfg
 * @param {Int32Array} dense codes [N_q, T] (level-major, as `analyze` returns them)
 * @param {Int32Array} counts codebooks per frame [T]
 * @param {'vbr' | 'cbr'} mode
 * @param {number} param ℓ (VBR) or n (CBR)
 * @param {number} seconds audio length
 * @returns {{ kbps: number, chunkBytes: number }}
 */
export function entropyFileRate(rateCfg, dense, counts, mode, param, seconds) {
  const nq = rateCfg.nCodebooks;
  const c8 = Uint8Array.from(counts);
  const header = {
    modelName: 'eval',
    sampleRate: rateCfg.sampleRate,
    hop: rateCfg.hop,
    nq,
    codebookSize: rateCfg.codebookSize,
    channels: 1,
    originalLength: counts.length * rateCfg.hop,
    rate: mode === 'vbr' ? { mode: 'vbr', level: param } : { mode: 'cbr', n: param },
  };
  const writer = new VrvqWriter(header, { coding: 'entropy' });
  writer.writeFrames([{ counts: c8, codes: raggedFromDense(dense, c8, nq) }]);
  writer.finish();
  const { chunkBytes } = writer.stats;
  return { kbps: (8 * chunkBytes) / seconds / 1000, chunkBytes };
}
