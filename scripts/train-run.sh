#!/usr/bin/env bash
# Runs (or resumes) a long training in the background, from a frozen single-file build of the CLI
# so that rebuilding the packages while it trains cannot change the running code.
#
#   scripts/train-run.sh NAME [vrvq train options…]      start or resume runs/NAME
#   scripts/train-run.sh --save NAME                     copy the latest checkpoint to checkpoints/NAME
#
# Checkpoints committed under checkpoints/NAME (config, metrics, latest checkpoint) are restored
# into runs/NAME when that folder is missing, so a fresh clone resumes where the last one stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

save() {
  local name=$1 run=runs/$1 dst=checkpoints/$1
  [ -f "$run/checkpoints/latest.json" ] || { echo "no checkpoint in $run" >&2; exit 1; }
  local dir
  dir=$(node -e "process.stdout.write(JSON.parse(require('fs').readFileSync('$run/checkpoints/latest.json','utf8')).dir)")
  rm -rf "$dst.tmp" && mkdir -p "$dst.tmp/checkpoints"
  cp "$run/config.json" "$run/metrics.jsonl" "$dst.tmp/"
  [ -f "$run/report.html" ] && cp "$run/report.html" "$dst.tmp/"
  cp -r "$run/checkpoints/$dir" "$dst.tmp/checkpoints/"
  cp "$run/checkpoints/latest.json" "$dst.tmp/checkpoints/"
  rm -rf "$dst" && mv "$dst.tmp" "$dst"
  echo "saved $run/checkpoints/$dir → $dst"
}

if [ "${1:-}" = "--save" ]; then save "$2"; exit 0; fi
name=${1:?usage: scripts/train-run.sh NAME [options] | --save NAME}
shift
run=runs/$name
if [ ! -d "$run" ] && [ -d "checkpoints/$name" ]; then
  mkdir -p runs && cp -r "checkpoints/$name" "$run"
  echo "restored $run from checkpoints/$name"
fi
resume=()
[ -f "$run/checkpoints/latest.json" ] && resume=(--resume)

# Frozen build: every @vrvq package bundled into one file; tfjs stays in node_modules.
npx -y pnpm@10.34.9 --filter @vrvq/cli... build >/dev/null
snap=packages/core/.trainer/$name.mjs
mkdir -p packages/core/.trainer
npx -y pnpm@10.34.9 exec esbuild packages/cli/dist/bin.js --bundle \
  --platform=node --format=esm --outfile="$snap" --log-level=error \
  --external:@tensorflow/* --external:webgpu --external:@wasm-audio-decoders/* --external:mpg123-decoder --external:ogg-opus-decoder

mkdir -p "$run"
nohup node "$snap" train --run "$run" "${resume[@]}" "$@" >>"$run/train.log" 2>&1 &
echo "training $run in the background (pid $!): tail -f $run/train.log"
