import { Controller } from './app/controller.js';
import { Renderer } from './app/renderer.js';
import { AbPlayer } from './playback/ab-player.js';
import { byId } from './ui/dom.js';
import { EnginePicker } from './ui/engine-picker.js';
import { PlayerView } from './ui/player-view.js';
import { ProgressView } from './ui/progress-view.js';
import { RateControls } from './ui/rate-controls.js';
import { SourceInputs } from './ui/source-inputs.js';
import { StatsView } from './ui/stats-view.js';
import { probeWebGpu } from './ui/webgpu-probe.js';
import { CodecClient } from './worker/client.js';

// URL parameters: ?backend=auto|webgpu|wasm|cpu&model=default|vrvq-micro&example=1 (load the example at once)
const params = new URLSearchParams(location.search);
const picker = new EnginePicker({ model: params.get('model'), backend: params.get('backend') });
const player = new AbPlayer();
const playerView = new PlayerView(player);
const progress = new ProgressView();
const controller = new Controller({
  client: new CodecClient(() => new Worker(new URL('./worker/codec-worker.ts', import.meta.url), { type: 'module' })),
  picker,
  rate: new RateControls(),
  stats: new StatsView(),
  progress,
  player,
  playerView,
  renderer: new Renderer(),
});
const showError = (e: unknown) => progress.showError((e as Error)?.message ?? String(e));
playerView.errorHandler = showError;
const inputs = new SourceInputs({
  audio: (source, name) => void controller.encode(source, name),
  vrvq: (bytes, name) => void controller.open(bytes, name),
  error: showError,
});
byId('download-vrvq').addEventListener('click', () => void controller.downloadVrvq(byId<HTMLInputElement>('entropy').checked ? 'entropy' : 'raw'));
byId('download-wav').addEventListener('click', () => void controller.downloadWav());

void probeWebGpu().then((p) => picker.showWebGpu(p));
void controller.start().then(() => {
  if (params.get('example')) void inputs.loadExample();
});
