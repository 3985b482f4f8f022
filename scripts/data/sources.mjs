// What goes into the training and test sets. Each source belongs to one group, draws from Debian
// packages (or generates audio), and gets a share of its group's train and test budgets. A file
// (or voice, or text) is in train or in test, never both: whole sources are held out for test, or
// a source is split by language / voice. `fill: true` marks the last source of a group, which takes
// whatever its group budget still lacks.

/** Minutes of test audio per group at the default --test-minutes 15. */
export const TEST_MINUTES = { speech: 5, music: 4, effects: 3, quiet: 3 };
export const GROUPS = ['speech', 'music', 'effects', 'quiet'];

const TUX_DESC_TRAIN = ['fr', 'ru', 'ro', 'ca', 'bg', 'es', 'be', 'el'];
const TUX_DESC_TEST = ['da', 'nl'];
const tuxDesc = (langs) => new RegExp(`/stamps/.*_desc_(${langs.join('|')})\\.ogg$`);

export const SOURCES = [
  // ── speech ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'fillets-nl',
    group: 'speech',
    kind: 'files',
    pkg: 'fillets-ng-data-nl',
    include: /\/sound\/.*\/nl\/[^/]+\.ogg$/,
    train: 0.24,
    note: 'Dutch voice acting (Fish Fillets NG)',
  },
  {
    id: 'tuxpaint-desc',
    group: 'speech',
    kind: 'files',
    pkg: 'tuxpaint-stamps-default',
    include: tuxDesc(TUX_DESC_TRAIN),
    train: 0.14,
    note: `spoken stamp descriptions in ${TUX_DESC_TRAIN.join(', ')} (Tux Paint); short clips joined into sequences`,
  },
  ...['en', 'es', 'fr', 'it', 'ru'].map((lang) => ({
    id: `asterisk-${lang}`,
    group: 'speech',
    kind: 'files',
    pkg: `asterisk-core-sounds-${lang}-wav`,
    include: /\.wav$/,
    train: 0.02,
    // debian/copyright: the Russian and Italian prompts are CC-BY-3.0, the others CC-BY-SA-3.0.
    licence: lang === 'ru' || lang === 'it' ? 'CC-BY-3.0' : 'CC-BY-SA-3.0',
    note: `Asterisk telephone prompts (${lang}, 8 kHz narrowband)`,
  })),
  {
    id: 'hedgewars-voices',
    group: 'speech',
    kind: 'files',
    pkg: 'hedgewars-data',
    include: /\/Sounds\/voices\/.*\.ogg$/,
    train: 0.04,
    note: 'character voice packs (Hedgewars): exclamations, short clips joined',
  },
  { id: 'tts-espeak', group: 'speech', kind: 'tts-espeak', pkg: 'espeak-ng-data', train: 0.1, test: 0.12, note: 'espeak-ng, many languages × variants, speeds, pitches' },
  { id: 'tts-flite', group: 'speech', kind: 'tts-flite', pkg: 'flite', train: 0.06, test: 0.12, note: 'flite voices kal, kal16, awb, rms (train), slt (test)' },
  {
    id: 'tts-festival',
    group: 'speech',
    kind: 'tts-festival',
    pkg: 'festival',
    voicePkgs: ['festvox-kallpc16k', 'festvox-kdlpc16k', 'festvox-italp16k', 'festvox-itapc16k', 'festvox-us-slt-hts'],
    train: 0.08,
    test: 0.12,
    note: 'festival voices kal, ked, Italian lp/pc (train), slt HTS (test)',
  },
  {
    id: 'fillets-cs',
    group: 'speech',
    kind: 'files',
    pkg: 'fillets-ng-data-cs',
    include: /\/sound\/.*\/cs\/[^/]+\.ogg$/,
    train: 0.24,
    fill: true,
    note: 'Czech voice acting (Fish Fillets NG)',
  },
  // test-only speech: other speakers, other recordings
  { id: 'fillets-en', group: 'speech', kind: 'files', pkg: 'fillets-ng-data', include: /\/sound\/.*\/en\/[^/]+\.ogg$/, test: 0.28, note: 'English voice acting (Fish Fillets NG)' },
  {
    id: 'tuxpaint-desc-test',
    group: 'speech',
    kind: 'files',
    pkg: 'tuxpaint-stamps-default',
    include: new RegExp(`/stamps/.*_desc(_(${TUX_DESC_TEST.join('|')}))?\\.ogg$`),
    test: 0.14,
    note: `spoken stamp descriptions in en, ${TUX_DESC_TEST.join(', ')} (Tux Paint)`,
  },
  { id: 'asterisk-fr-armelle', group: 'speech', kind: 'files', pkg: 'asterisk-prompt-fr-armelle', include: /\.gsm$/, test: 0.12, note: 'French telephone prompts (GSM 6.10, 8 kHz)' },
  { id: 'asterisk-es-co', group: 'speech', kind: 'files', pkg: 'asterisk-prompt-es-co', include: /\.gsm$/, test: 0.1, note: 'Colombian Spanish telephone prompts (GSM 6.10, 8 kHz)' },

  // ── music ─────────────────────────────────────────────────────────────────────────────────
  { id: 'warzone2100-music', group: 'music', kind: 'files', pkg: 'warzone2100-music', include: /\/music\/.*\.opus$/, train: 0.24, maxSeconds: 60, note: 'Warzone 2100 soundtrack (Opus)' },
  { id: 'hedgewars-music', group: 'music', kind: 'files', pkg: 'hedgewars-data', include: /\/Data\/Music\/.*\.ogg$/, train: 0.12, maxSeconds: 60, note: 'Hedgewars soundtrack' },
  { id: 'drascula-music', group: 'music', kind: 'files', pkg: 'drascula-music', include: /\/drascula\/audio\/.*\.ogg$/, train: 0.08, maxSeconds: 90, note: 'Drascula soundtrack (one copy of the per-language duplicates)' },
  { id: 'etr-music', group: 'music', kind: 'files', pkg: 'extremetuxracer-data', include: /\/etr\/music\/.*\.ogg$/, train: 0.08, maxSeconds: 60, note: 'Extreme Tux Racer soundtrack' },
  { id: 'simutrans-midi', group: 'music', kind: 'midi', pkg: 'simutrans-data', include: /\.mid$/i, train: 0.12, maxSeconds: 45, note: 'Simutrans MIDI music rendered with fluidsynth + FluidR3 GM' },
  { id: 'freedink-midi', group: 'music', kind: 'midi', pkg: 'freedink-data', include: /\/Sound\/.*\.mid$/i, train: 0.06, maxSeconds: 60, licence: 'GPL-3+ / free replacements (see copyright, README-REPLACEMENTS.txt)', note: 'FreeDink MIDI music rendered with fluidsynth + FluidR3 GM' },
  { id: 'wesnoth-music', group: 'music', kind: 'files', pkg: 'wesnoth-1.16-music', include: /\/music\/.*\.ogg$/, train: 0.3, maxSeconds: 60, fill: true, note: 'Battle for Wesnoth soundtrack' },
  { id: 'fillets-music', group: 'music', kind: 'files', pkg: 'fillets-ng-data', include: /\/fillets-ng\/music\/.*\.ogg$/, test: 0.45, maxSeconds: 30, note: 'Fish Fillets NG soundtrack' },
  { id: 'planetblupi-midi', group: 'music', kind: 'midi', pkg: 'planetblupi-music-midi', include: /\.mid$/i, test: 0.3, maxSeconds: 30, note: 'Planet Blupi MIDI music rendered with fluidsynth + FluidR3 GM' },
  { id: 'frozen-bubble-music', group: 'music', kind: 'files', pkg: 'fb-music-high', include: /\.xm$/, test: 0.25, maxSeconds: 60, note: 'Frozen Bubble tracker module (XM, via libopenmpt)' },

  // ── effects ───────────────────────────────────────────────────────────────────────────────
  { id: 'sonic-pi-samples', group: 'effects', kind: 'files', pkg: 'sonic-pi-samples', include: /\/samples\/.*\.flac$/, train: 0.08, note: 'Sonic Pi samples: drums, loops, ambience, synth hits' },
  {
    id: 'tuxpaint-stamp-sounds',
    group: 'effects',
    kind: 'files',
    pkg: 'tuxpaint-stamps-default',
    include: /\/stamps\/.*\/[^/]+\.ogg$/,
    exclude: /_desc(_[a-z]+)?\.ogg$|_[a-z]{2}(_[A-Z]{2})?\.ogg$/,
    train: 0.06,
    note: 'Tux Paint stamp sounds (animals, vehicles, objects)',
  },
  { id: 'wesnoth-sounds', group: 'effects', kind: 'files', pkg: 'wesnoth-1.16-data', include: /\/sounds\/.*\.(ogg|wav)$/, train: 0.1, note: 'Battle for Wesnoth sound effects and ambience' },
  { id: 'scorched3d-sounds', group: 'effects', kind: 'files', pkg: 'scorched3d-data', include: /\/wav\/.*\.(ogg|wav)$/, train: 0.06, note: 'Scorched 3D explosions, shots, ambience' },
  { id: 'supertux-sounds', group: 'effects', kind: 'files', pkg: 'supertux-data', include: /\/supertux2\/sounds\/.*\.(ogg|wav)$/, train: 0.05, note: 'SuperTux sound effects' },
  { id: 'hedgewars-sounds', group: 'effects', kind: 'files', pkg: 'hedgewars-data', include: /\/Data\/Sounds\/[^/]+\.ogg$/, train: 0.04, note: 'Hedgewars sound effects' },
  { id: 'frozen-bubble-sounds', group: 'effects', kind: 'files', pkg: 'frozen-bubble-data', include: /\/snd\/.*\.(ogg|wav)$/, train: 0.04, note: 'Frozen Bubble sound effects' },
  { id: 'tuxpaint-sounds', group: 'effects', kind: 'files', pkg: 'tuxpaint-data', include: /\/sounds\/.*\.(ogg|wav)$/, train: 0.01, note: 'Tux Paint tool sounds' },
  { id: 'pingus-sounds', group: 'effects', kind: 'files', pkg: 'pingus-data', include: /\/sounds\/.*\.(ogg|wav)$/, train: 0.01, note: 'Pingus sound effects' },
  { id: 'etr-sounds', group: 'effects', kind: 'files', pkg: 'extremetuxracer-data', include: /\/etr\/sounds\/.*\.(ogg|wav)$/, train: 0.01, note: 'Extreme Tux Racer sound effects' },
  { id: 'freedink-sounds', group: 'effects', kind: 'files', pkg: 'freedink-data', include: /\/Sound\/.*\.wav$/i, train: 0.01, licence: 'GPL-3+ / free replacements (see copyright, README-REPLACEMENTS.txt)', note: 'FreeDink sound effects' },
  { id: 'hydrogen-drumkits', group: 'effects', kind: 'files', pkg: 'hydrogen-drumkits', include: /\/drumkits\/.*\.(wav|flac|aiff?)$/i, train: 0.25, note: 'Hydrogen drum kit samples (one-shots joined into sequences)' },
  {
    id: 'megaglest-sounds',
    group: 'effects',
    kind: 'files',
    pkg: 'megaglest-data',
    include: /\/(sounds)\/.*\.(wav|ogg)$/i,
    exclude: /_(ack|select)[^/]*\.(wav|ogg)$/i, // spoken unit acknowledgements
    train: 0.28,
    fill: true,
    note: 'MegaGlest unit sounds (no spoken acknowledgements) and tileset ambience (wind, rain, birds)',
  },
  { id: 'oxygen-sounds', group: 'effects', kind: 'files', pkg: 'oxygen-sounds', include: /\.ogg$/, test: 0.35, note: 'KDE Oxygen desktop sounds' },
  { id: 'freedesktop-sounds', group: 'effects', kind: 'files', pkg: 'sound-theme-freedesktop', include: /\.oga$/, test: 0.3, note: 'freedesktop.org sound theme' },
  { id: 'lincity-sounds', group: 'effects', kind: 'files', pkg: 'lincity-ng-data', include: /\/lincity-ng\/sounds\/.*\.(wav|ogg)$/, test: 0.35, note: 'LinCity-NG city sounds' },

  // ── quiet (generated; derived ones reuse the same split's speech/music/effects files) ────────
  { id: 'quiet-silence', group: 'quiet', kind: 'quiet-silence', train: 0.08, test: 0.1, note: 'digital silence and ±1 LSB dither' },
  { id: 'quiet-noise', group: 'quiet', kind: 'quiet-noise', train: 0.22, test: 0.3, note: 'white / pink / brown noise and mains hum at −60…−40 dBFS RMS' },
  { id: 'quiet-attenuated', group: 'quiet', kind: 'quiet-attenuated', train: 0.25, test: 0.2, note: 'music and effects clips faded to peaks of −50…−30 dBFS' },
  { id: 'quiet-pauses', group: 'quiet', kind: 'quiet-pauses', train: 0.45, test: 0.4, fill: true, note: 'speech with long pauses: utterances separated by 1.5–6 s of silence or a low noise floor' },
];

/** Tools and voices the builder installs with apt (unless --skip-apt). */
export const TOOL_PACKAGES = [
  'ffmpeg',
  'sox',
  'espeak-ng',
  'flite',
  'festival',
  'festvox-kallpc16k',
  'festvox-kdlpc16k',
  'festvox-italp16k',
  'festvox-itapc16k',
  'festvox-us-slt-hts',
  'fluidsynth',
  'fluid-soundfont-gm',
];
