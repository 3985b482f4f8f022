#!/usr/bin/env node
// Writes kernels.wat (the SIMD kernels as WebAssembly text, built below with every helper
// expanded inline: V8 does not inline wasm calls, and a call with v128 arguments costs more than
// the work here) and compiles it into kernels-wasm.ts (the bytes as base64) with wabt's wat2wasm,
// fetched by npx (no runtime or install-time dependency):
//   node src/ops/wasm/generate.mjs
// Run it after editing this file and commit all three; simd-kernels.test.ts checks the result.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// ---- S-expression helpers -------------------------------------------------------------------
const e = (op, ...args) => `(${op}${args.map((a) => ` ${a}`).join('')})`;
const get = (n) => e('local.get', `$${n}`);
const set = (n, v) => e('local.set', `$${n}`, v);
const i32 = (v) => e('i32.const', v);
const add32 = (a, b) => e('i32.add', a, b);
const f4 = (v) => e('v128.const f32x4', v, v, v, v);
const d2 = (v) => e('v128.const f64x2', v, v);
const fadd = (a, b) => e('f32x4.add', a, b);
const fmul = (a, b) => e('f32x4.mul', a, b);
/** Lanes 2, 3 of an f32x4 moved to lanes 0, 1. */
const high = (v) => e('i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7', v, v);
/** c0 + x·(c1 + x·(c2 + …)) on f32x4 (x is repeated: pass a local). */
const horner = (x, cs) => cs.slice(0, -1).reduceRight((acc, c) => fadd(f4(c), fmul(x, acc)), f4(cs[cs.length - 1]));
const fact = (n) => (n <= 1 ? 1 : n * fact(n - 1));
const taylor = (first, last) => {
  const out = [];
  for (let k = first; k <= last; k += 2) out.push((-1) ** ((k - (first % 2)) / 2) / fact(k));
  return out;
};

// ---- Snake math ---------------------------------------------------------------------------------
// sin(r) = r + r·r²·(−1/3! + r²/5! − … + r¹²/13!), cos(r) = 1 − r²/2! + … + r¹²/12!, |r| ≤ π/2:
// truncation below 1e-9, far under float32 rounding.
const SIN = taylor(3, 13);
const COS = taylor(0, 12);
const sin = (r, r2) => fadd(r, fmul(fmul(r, r2), horner(r2, SIN)));
const cos = (r2) => horner(r2, COS);

/** u − nearest(u/π)·π on f64x2 (sin² has period π; u is repeated: pass a cheap expression). */
const reduce = (u) => e('f64x2.sub', u, e('f64x2.mul', e('f64x2.nearest', e('f64x2.mul', u, d2(1 / Math.PI))), d2(Math.PI)));

/**
 * The reduced phase r ∈ [−π/2, π/2] of u = α·x as f32x4: u is formed in float64 (exact, a
 * product of two float32 values) from x (f32x4 local) and α (two f64x2 at byte offset `a`),
 * reduced in float64, then rounded to float32. Clamped so that absurd |αx| (beyond 2^52, where
 * float64 reduction is meaningless) cannot blow up the polynomials.
 */
const phase = (x, a) =>
  e(
    'f32x4.pmax', // pmax(r, lo) = r < lo ? lo : r and pmin(r, hi) = hi < r ? hi : r: NaN passes
    e(
      'f32x4.pmin', // (plain min/max cost ~4× more on x86: they order NaN and ±0)
      e(
        'i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23',
        e('f32x4.demote_f64x2_zero', reduce(e('f64x2.mul', e('f64x2.promote_low_f32x4', x), e('v128.load', a)))),
        e('f32x4.demote_f64x2_zero', reduce(e('f64x2.mul', e('f64x2.promote_low_f32x4', high(x)), e('v128.load offset=16', a)))),
      ),
      f4(Math.PI / 2),
    ),
    f4(-Math.PI / 2),
  );

/** acc[0..3] (two f64x2 at byte offset `ptr`) += the four lanes of v (f32x4) in float64. */
const accumulate = (ptr, v) => [
  e('v128.store', ptr, e('f64x2.add', e('v128.load', ptr), e('f64x2.promote_low_f32x4', v))),
  e('v128.store offset=16', ptr, e('f64x2.add', e('v128.load offset=16', ptr), e('f64x2.promote_low_f32x4', high(v)))),
];

// ---- Kernels ------------------------------------------------------------------------------------
/**
 * A kernel over `rows` rows of `cp` float32 values (cp a multiple of 4): `body` is the work for
 * the 4 values at column $j, `streams` the f32 pointer parameters advanced by 16 bytes per step
 * (the first one bounds the loop). Local $j is the column, $end the end of the first stream.
 */
function kernel(name, params, locals, streams, body, doc) {
  const ps = params.map((p) => `(param $${p} i32)`).join(' ');
  const ls = ['(local $j i32) (local $end i32)', ...locals.map(([n, t]) => `(local $${n} ${t})`)].join(' ');
  const first = streams[0];
  return [
    ...doc.map((l) => `  ;; ${l}`),
    `  (func (export "${name}") ${ps}`,
    `    ${ls}`,
    `    ${e('if', e('i32.eqz', e('i32.mul', get('rows'), get('cp'))), e('then', '(return)'))}`,
    `    ${set('end', add32(get(first), e('i32.shl', e('i32.mul', get('rows'), get('cp')), i32(2))))}`,
    '    (loop $row',
    `      ${set('j', i32(0))}`,
    '      (loop $col',
    ...body.map((s) => `        ${s}`),
    ...streams.map((p) => `        ${set(p, add32(get(p), i32(16)))}`),
    `        ${set('j', add32(get('j'), i32(4)))}`,
    `        ${e('br_if', '$col', e('i32.lt_u', get('j'), get('cp')))})`,
    `      ${e('br_if', '$row', e('i32.lt_u', get(first), get('end')))}))`,
  ].join('\n');
}

/** Byte offset of column $j in a table of `bytes`-wide entries starting at local `base`. */
const col = (base, bytes) => add32(get(base), e('i32.shl', get('j'), i32(Math.log2(bytes))));

const snakeFwd = kernel(
  'snake_fwd',
  ['x', 'out', 'a64', 'inv', 'rows', 'cp'],
  [
    ['xv', 'v128'],
    ['r', 'v128'],
    ['r2', 'v128'],
    ['s', 'v128'],
  ],
  ['x', 'out'],
  [
    set('xv', e('v128.load', get('x'))),
    set('r', phase(get('xv'), col('a64', 8))),
    set('r2', fmul(get('r'), get('r'))),
    set('s', sin(get('r'), get('r2'))),
    e('v128.store', get('out'), fadd(get('xv'), fmul(fmul(get('s'), get('s')), e('v128.load', col('inv', 4))))),
  ],
  ['out[i] = x[i] + sin²(α_j·x[i])·inv_j, i = row·cp + j; a64: f64[cp] (α), inv: f32[cp] = 1/(α + 1e-9).'],
);

const snakeBwd = kernel(
  'snake_bwd',
  ['dy', 'x', 'dx', 'a64', 'gain', 'accX', 'accS', 'rows', 'cp'],
  [
    ['g', 'v128'],
    ['xv', 'v128'],
    ['r', 'v128'],
    ['r2', 'v128'],
    ['s', 'v128'],
    ['t', 'v128'],
    ['ax', 'i32'],
    ['as', 'i32'],
  ],
  ['x', 'dy', 'dx'],
  [
    set('g', e('v128.load', get('dy'))),
    set('xv', e('v128.load', get('x'))),
    set('r', phase(get('xv'), col('a64', 8))),
    set('r2', fmul(get('r'), get('r'))),
    set('s', sin(get('r'), get('r2'))),
    set('t', fmul(get('g'), fmul(fadd(get('s'), get('s')), cos(get('r2'))))), // dy·sin 2u
    e('v128.store', get('dx'), fadd(get('g'), fmul(get('t'), e('v128.load', col('gain', 4))))),
    set('ax', col('accX', 8)),
    set('as', col('accS', 8)),
    ...accumulate(get('ax'), fmul(get('t'), get('xv'))),
    ...accumulate(get('as'), fmul(get('g'), fmul(get('s'), get('s')))),
  ],
  [
    'Backward of snake_fwd: dx = dy + dy·sin(2u)·gain_j (gain = α·inv) and, in float64,',
    'accX[j] += Σ dy·x·sin(2u), accS[j] += Σ dy·sin²(u) (sin 2u = 2·sin r·cos r).',
    'a64: f64[cp], gain: f32[cp], accX, accS: f64[cp] (accumulated into).',
  ],
);

const sumRows = kernel(
  'sum_rows',
  ['x', 'acc', 'rows', 'cp'],
  [['a', 'i32']],
  ['x'],
  [set('a', col('acc', 8)), ...accumulate(get('a'), e('v128.load', get('x')))],
  ['acc[j] += Σ_rows x[row·cp + j] in float64; acc: f64[cp].'],
);

/** `for (v = from; v < to; v += step) body` as a block/loop pair (i32 values). */
const forRange = (v, from, to, step, body) => [
  set(v, from),
  `(block $end_${v} (loop $next_${v}`,
  `  ${e('br_if', `$end_${v}`, e('i32.ge_s', get(v), to))}`,
  ...body.map((l) => `  ${l}`),
  `  ${set(v, add32(get(v), step))}`,
  `  (br $next_${v})))`,
];
const mul32 = (a, b) => e('i32.mul', a, b);
const indent = (lines, n) => lines.map((l) => ' '.repeat(n) + l).join('\n');

// out[b, o, :] = bias + Σ cols[b, t, j, :] over t·s + j = o + start (o < len); c a multiple of 4.
const overlapAdd = `  ;; Overlap-add with hop s, crop [start, start + len) and bias (0: none), per batch item:
  ;; out[b, o, :] = bias + Σ cols[b, t, j, :] over t·s + j = o + start; cols [B, T, qs, c], c % 4 = 0.
  (func (export "overlap_add") (param $cols i32) (param $out i32) (param $bias i32) (param $b i32) (param $t i32)
    (param $qs i32) (param $c i32) (param $s i32) (param $start i32) (param $len i32)
    (local $bi i32) (local $o i32) (local $ti i32) (local $j i32) (local $k i32) (local $ob i32) (local $src i32)
    (local $dst i32) (local $j0 i32) (local $j1 i32) (local $row i32) (local $v v128)
    ${set('row', e('i32.shl', get('c'), i32(2)))}
${indent(
  forRange('bi', i32(0), get('b'), i32(1), [
    set('ob', add32(get('out'), mul32(mul32(get('bi'), get('len')), get('row')))),
    ...forRange('o', i32(0), get('len'), i32(1), [
      ...forRange('k', i32(0), get('row'), i32(16), [
        e(
          'v128.store',
          add32(add32(get('ob'), mul32(get('o'), get('row'))), get('k')),
          e('select', e('v128.load', add32(get('bias'), get('k'))), f4(0), get('bias')),
        ),
      ]),
    ]),
    ...forRange('ti', i32(0), get('t'), i32(1), [
      set('src', add32(get('cols'), mul32(mul32(add32(mul32(get('bi'), get('t')), get('ti')), get('qs')), get('row')))),
      // taps j landing inside the crop: 0 ≤ t·s + j − start < len
      set('j0', e('i32.sub', get('start'), mul32(get('ti'), get('s')))),
      set('j0', e('select', get('j0'), i32(0), e('i32.gt_s', get('j0'), i32(0)))),
      set('j1', e('i32.sub', add32(get('len'), get('start')), mul32(get('ti'), get('s')))),
      set('j1', e('select', get('j1'), get('qs'), e('i32.lt_s', get('j1'), get('qs')))),
      ...forRange('j', get('j0'), get('j1'), i32(1), [
        set('dst', add32(get('ob'), mul32(e('i32.sub', add32(mul32(get('ti'), get('s')), get('j')), get('start')), get('row')))),
        ...forRange('k', i32(0), get('row'), i32(16), [
          e(
            'v128.store',
            add32(get('dst'), get('k')),
            fadd(e('v128.load', add32(get('dst'), get('k'))), e('v128.load', add32(add32(get('src'), mul32(get('j'), get('row'))), get('k')))),
          ),
        ]),
      ]),
    ]),
  ]),
  4,
)})`;

// xr[r, ci, b, fr] = xpad[b, fr·s + r, ci] (xpad: x zero-padded by pl on the left; indices past
// the input read 0): a conv input split into stride phases and moved channels-first.
const phaseSplit = `  ;; Phase split for conv weight gradients: xr[r, ci, b, fr] = x[b, fr·s + r − pl, ci] (0 outside [0, T)).
  ;; x [B, T, cin] f32, xr [s, cin, B, F] f32.
  (func (export "phase_split") (param $x i32) (param $xr i32) (param $b i32) (param $t i32) (param $cin i32)
    (param $s i32) (param $pl i32) (param $f i32)
    (local $bi i32) (local $fr i32) (local $r i32) (local $ci i32) (local $i i32) (local $src i32) (local $dst i32)
    (local $plane4 i32)
    ${set('plane4', e('i32.shl', mul32(get('b'), get('f')), i32(2)))}
${indent(
  forRange('bi', i32(0), get('b'), i32(1), [
    ...forRange('fr', i32(0), get('f'), i32(1), [
      ...forRange('r', i32(0), get('s'), i32(1), [
        set('i', e('i32.sub', add32(mul32(get('fr'), get('s')), get('r')), get('pl'))),
        set('dst', add32(get('xr'), e('i32.shl', add32(add32(mul32(mul32(get('r'), get('cin')), mul32(get('b'), get('f'))), mul32(get('bi'), get('f'))), get('fr')), i32(2)))),
        e(
          'if',
          e('i32.or', e('i32.lt_s', get('i'), i32(0)), e('i32.ge_s', get('i'), get('t'))),
          e('then', ...forRange('ci', i32(0), get('cin'), i32(1), [e('f32.store', get('dst'), e('f32.const', 0)), set('dst', add32(get('dst'), get('plane4')))])),
          e(
            'else',
            set('src', add32(get('x'), e('i32.shl', mul32(add32(mul32(get('bi'), get('t')), get('i')), get('cin')), i32(2)))),
            ...forRange('ci', i32(0), get('cin'), i32(1), [
              e('f32.store', get('dst'), e('f32.load', get('src'))),
              set('src', add32(get('src'), i32(4))),
              set('dst', add32(get('dst'), get('plane4'))),
            ]),
          ),
        ),
      ]),
    ]),
  ]),
  4,
)})`;

const wat = `;; Generated by generate.mjs: do not edit (edit the generator and rerun it).
;; SIMD loop kernels that run directly on the tfjs wasm backend's heap (the memory is imported,
;; so tensors are read and written in place). All pointers are byte offsets; activations are
;; channels-last rows of cp values, cp a multiple of 4 (the caller repeats per-channel tables to
;; lcm(C, 4) and handles any rows left over itself).
(module
  (import "env" "memory" (memory 0))
${snakeFwd}
${snakeBwd}
${sumRows}
${overlapAdd}
${phaseSplit}
)
`;

const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'kernels.wat'), wat);
const dir = mkdtempSync(join(tmpdir(), 'vrvq-wat-'));
try {
  const out = join(dir, 'kernels.wasm');
  execFileSync('npx', ['-y', '-p', 'wabt@1.0.39', 'wat2wasm', join(here, 'kernels.wat'), '-o', out], { stdio: 'inherit' });
  const b64 = readFileSync(out).toString('base64');
  const lines = b64.match(/.{1,100}/g) ?? [];
  writeFileSync(
    join(here, 'kernels-wasm.ts'),
    `// Generated from kernels.wat by generate.mjs (wabt 1.0.39 wat2wasm): do not edit.\n` +
      `export const KERNELS_WASM_BASE64 =\n${lines.map((l) => `  '${l}'`).join(' +\n')};\n`,
  );
  console.log(`kernels.wat, kernels-wasm.ts: ${readFileSync(out).length} bytes of wasm`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
