// Debian packages as data sources: download (apt-get download, no installation), extract with
// dpkg-deb into a cache, read the licence from the package's copyright file.
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, runOk } from './sh.mjs';

const aptEnv = { DEBIAN_FRONTEND: 'noninteractive' };

export async function aptUpdate(log) {
  log('apt-get update …');
  await runOk('apt-get', ['update'], { env: aptEnv, nice: false, timeoutMs: 15 * 60_000 });
}

/** Installs the tools (and festival voices) the builder runs; packages already there are kept. */
export async function aptInstall(pkgs, log) {
  const missing = [];
  for (const p of pkgs) {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a dpkg-query format, not a template
    const r = await run('dpkg-query', ['-W', '-f=${Status}', p], { nice: false });
    if (!r.stdout.toString().includes('install ok installed')) missing.push(p);
  }
  if (missing.length === 0) return;
  log(`apt-get install ${missing.join(' ')}`);
  await runOk('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env: aptEnv, nice: false, timeoutMs: 30 * 60_000 });
}

/** Whether apt knows a package (candidate version), for optional sources. */
export async function aptHas(pkg) {
  const r = await run('apt-cache', ['policy', pkg], { nice: false });
  const m = /Candidate: (\S+)/.exec(r.stdout.toString());
  return m !== null && m[1] !== '(none)';
}

function findDeb(debDir, pkg) {
  if (!existsSync(debDir)) return undefined;
  const f = readdirSync(debDir).find((n) => n.startsWith(`${pkg}_`) && n.endsWith('.deb'));
  return f ? join(debDir, f) : undefined;
}

/**
 * Makes a package's files available under a directory: downloads its .deb into cache/debs (once)
 * and extracts it into cache/x/PKG (once). With skipApt, only a cached .deb is used, else the
 * installed package's files under / (when it is installed). Returns { root, version } or
 * undefined when the package cannot be had.
 */
export async function fetchPackage(pkg, cacheDir, { skipApt, log }) {
  const debDir = join(cacheDir, 'debs');
  const root = join(cacheDir, 'x', pkg);
  const marker = join(root, '.extracted');
  if (existsSync(marker)) return { root, version: readFileSync(marker, 'utf8').trim() };
  let deb = findDeb(debDir, pkg);
  if (!deb && !skipApt) {
    mkdirSync(debDir, { recursive: true });
    log(`downloading ${pkg} …`);
    const r = await run('apt-get', ['download', pkg], { cwd: debDir, nice: false, timeoutMs: 30 * 60_000 });
    if (r.code !== 0) {
      log(`  ! apt-get download ${pkg} failed: ${r.stderr.trim().split('\n').pop()}`);
      return undefined;
    }
    deb = findDeb(debDir, pkg);
  }
  if (!deb) {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a dpkg-query format, not a template
    const r = await run('dpkg-query', ['-W', '-f=${Status} ${Version}', pkg], { nice: false });
    const s = r.stdout.toString();
    if (s.includes('install ok installed')) return { root: '/', version: s.split(' ').pop() };
    log(`  ! ${pkg}: no cached .deb and not installed (run without --skip-apt)`);
    return undefined;
  }
  mkdirSync(root, { recursive: true });
  await runOk('dpkg-deb', ['-x', deb, root]);
  const version = (await runOk('dpkg-deb', ['-f', deb, 'Version'], { nice: false })).stdout.toString().trim();
  writeFileSync(marker, `${version}\n`);
  return { root, version };
}

/** The copyright file of a package, extracted or installed (following a doc-dir symlink). */
export function copyrightPath(pkg, root) {
  for (const base of [root, '/']) {
    const p = join(base, 'usr/share/doc', pkg, 'copyright');
    try {
      if (existsSync(p)) return realpathSync(p);
    } catch {
      // dangling symlink into another package: try the next base
    }
  }
  return undefined;
}

const later = (after) => (/any later version/i.test(after) ? '+' : '');

const KNOWN = [
  [/creative commons attribution[- ]share[- ]?alike[\s\S]{0,80}?([0-9]\.[0-9])/i, (m) => `CC-BY-SA-${m[1]}`],
  [/creative commons attribution[\s\S]{0,80}?([0-9]\.[0-9])/i, (m) => `CC-BY-${m[1]}`],
  [/\bCC0\b|public domain dedication/i, () => 'CC0-1.0'],
  [/GNU (?:Lesser|Library) General Public License[\s\S]{0,200}?version ([0-9.]*[0-9])([\s\S]{0,120})/i, (m) => `LGPL-${m[1]}${later(m[2])}`],
  [/GNU General Public License[\s\S]{0,200}?version ([0-9.]*[0-9])([\s\S]{0,120})/i, (m) => `GPL-${m[1]}${later(m[2])}`],
  [/\bGPL\b[, ]+(?:either )?version ([0-9])([\s\S]{0,120})/i, (m) => `GPL-${m[1]}${later(m[2])}`],
  [/Artistic License/i, () => 'Artistic'],
  [/Permission is hereby granted, free of charge|without restriction, including without limitation/i, () => 'MIT/X11-style'],
  [/Permission to use, copy, modify,? (?:and\/or )?distribute/i, () => 'permissive (X11-style)'],
  [/Berkeley|\bBSD\b/, () => 'BSD'],
  [/public domain/i, () => 'public-domain'],
];

/**
 * Packages whose free-form copyright file names several licences, where the first one mentioned is
 * not the one of the data we use (checked by reading each file).
 */
const LICENCE_OVERRIDES = {
  flite: 'BSD-style (CMU Flite licence; voices included)',
  festival: 'X11-style (Festival licence)',
};

/** DEP-5 `Files:` glob → RegExp matching any path that ends with it. */
function globToSuffixRegExp(glob) {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`(^|/)${body}$`);
}

/**
 * Licences from a Debian copyright file. Machine-readable (DEP-5) files give `main` (the licence of
 * `Files: *`, else the most frequent one) and per-file answers: `forFile(path)` applies the last
 * Files paragraph whose glob matches the end of the installed path (source paths and installed
 * paths differ, so a suffix match is the best available). Free-form files give the first well-known
 * licence named in the text.
 */
export function licencesOf(pkg, root) {
  if (LICENCE_OVERRIDES[pkg]) return { main: LICENCE_OVERRIDES[pkg], forFile: () => LICENCE_OVERRIDES[pkg], path: copyrightPath(pkg, root) };
  const path = copyrightPath(pkg, root);
  if (!path) return { main: 'unknown (no copyright file)', forFile: () => 'unknown (no copyright file)', path: undefined };
  const text = readFileSync(path, 'utf8');
  const paragraphs = text.split(/\n\s*\n/);
  const rules = [];
  const counts = new Map();
  let star;
  for (const para of paragraphs) {
    const files = /^Files:[ \t]*([^\n]*(?:\n[ \t]+[^\n]+)*)/m.exec(para);
    const lic = /^License:[ \t]*(\S[^\n]*)$/m.exec(para);
    if (!lic) continue;
    const name = lic[1].trim();
    counts.set(name, (counts.get(name) ?? 0) + 1);
    if (!files) continue;
    const globs = files[1].split(/\s+/).filter(Boolean);
    if (globs.includes('*')) star ??= name;
    if (globs.some((g) => g.startsWith('debian/'))) continue;
    rules.push({ res: globs.filter((g) => g !== '*').map(globToSuffixRegExp), name });
  }
  let main = star;
  if (!main && counts.size > 0) main = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  if (!main) {
    for (const [re, name] of KNOWN) {
      const m = re.exec(text);
      if (m) {
        main = name(m);
        break;
      }
    }
  }
  main ??= 'see copyright file';
  const forFile = (file) => {
    let found = main;
    for (const r of rules) if (r.res.some((re) => re.test(file))) found = r.name;
    return found;
  };
  return { main, forFile, path };
}
