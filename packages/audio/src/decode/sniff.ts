/** Containers `decodeAudio` can read. */
export type AudioContainer = 'wav' | 'flac' | 'ogg-vorbis' | 'ogg-opus' | 'ogg-flac' | 'mp3';

function ascii(b: Uint8Array, at: number, s: string): boolean {
  if (at + s.length > b.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

/** Length of an ID3v2 tag at `at` (header + body + optional footer), or 0 when there is none. */
function id3Length(b: Uint8Array, at: number): number {
  if (!ascii(b, at, 'ID3') || at + 10 > b.length) return 0;
  const syncsafe = ((b[at + 6] & 0x7f) << 21) | ((b[at + 7] & 0x7f) << 14) | ((b[at + 8] & 0x7f) << 7) | (b[at + 9] & 0x7f);
  const footer = (b[at + 5] & 0x10) !== 0 ? 10 : 0;
  return 10 + syncsafe + footer;
}

const MPEG_BITRATES_KBPS: Record<string, number[]> = {
  v1l1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  v1l2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  v1l3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2l1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  v2l23: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MPEG_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/**
 * Length in bytes of the MPEG audio frame (any version/layer) whose header starts at `at`, or 0
 * when no valid header is there (free-format frames count as invalid).
 */
export function mpegFrameLength(b: Uint8Array, at: number): number {
  if (at + 4 > b.length) return 0;
  if (b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) return 0;
  const version = (b[at + 1] >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5, 1 reserved
  const layer = (b[at + 1] >> 1) & 3; // 3 = I, 2 = II, 1 = III, 0 reserved (and AAC ADTS)
  const bitrateIndex = b[at + 2] >> 4;
  const rateIndex = (b[at + 2] >> 2) & 3;
  const padding = (b[at + 2] >> 1) & 1;
  if (version === 1 || layer === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return 0;
  const table = version === 3 ? ['', 'v1l3', 'v1l2', 'v1l1'][layer] : layer === 3 ? 'v2l1' : 'v2l23';
  const bitrate = MPEG_BITRATES_KBPS[table][bitrateIndex] * 1000;
  const rate = MPEG_RATES[version][rateIndex];
  if (layer === 3) return (Math.floor((12 * bitrate) / rate) + padding) * 4;
  const perSample = layer === 1 && version !== 3 ? 72 : 144;
  return Math.floor((perSample * bitrate) / rate) + padding;
}

/** The codec of the first logical stream of an Ogg file, from its first page's first packet. */
function oggCodec(b: Uint8Array): AudioContainer | undefined {
  if (b.length < 27) return undefined;
  const segments = b[26];
  const body = 27 + segments;
  if (ascii(b, body, '\x01vorbis')) return 'ogg-vorbis';
  if (ascii(b, body, 'OpusHead')) return 'ogg-opus';
  if (ascii(b, body, '\x7fFLAC')) return 'ogg-flac';
  return undefined;
}

/** Maps a file name or extension hint ("song.MP3", ".flac", "opus") to a container. */
export function containerFromHint(hint: string | undefined): AudioContainer | undefined {
  if (!hint) return undefined;
  const ext = hint.toLowerCase().split(/[?#]/)[0].split('.').pop() ?? '';
  const map: Record<string, AudioContainer> = {
    wav: 'wav', wave: 'wav', flac: 'flac', fla: 'flac', mp3: 'mp3', mpga: 'mp3', mp2: 'mp3',
    ogg: 'ogg-vorbis', oga: 'ogg-vorbis', opus: 'ogg-opus',
  };
  return map[ext];
}

/**
 * Identifies the container from magic bytes: RIFF/RF64/BW64 WAVE, fLaC (also after an ID3 tag),
 * OggS (Vorbis, Opus or FLAC inside), ID3-tagged or frame-synced MPEG audio. Returns undefined when
 * nothing matches; a bare frame header counts as MP3 when a second one follows exactly one frame later, the
 * input holds just one frame, or the hint says MP3.
 */
export function sniffContainer(b: Uint8Array, hint?: string): AudioContainer | undefined {
  if ((ascii(b, 0, 'RIFF') || ascii(b, 0, 'RF64') || ascii(b, 0, 'BW64')) && ascii(b, 8, 'WAVE')) return 'wav';
  if (ascii(b, 0, 'OggS')) return oggCodec(b);
  let at = 0;
  while (ascii(b, at, 'ID3')) {
    const len = id3Length(b, at);
    if (len === 0) break;
    at += len;
  }
  if (ascii(b, at, 'fLaC')) return 'flac';
  if (at > 0) return 'mp3'; // ID3-tagged and not FLAC: MPEG audio (mpg123 skips junk up to the first frame)
  const first = mpegFrameLength(b, 0);
  if (first > 0) {
    // A second valid header exactly one frame later makes random bytes very unlikely to pass.
    if (containerFromHint(hint) === 'mp3' || mpegFrameLength(b, first) > 0 || first >= b.length) return 'mp3';
  }
  return undefined;
}
