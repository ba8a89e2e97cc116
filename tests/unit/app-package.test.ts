/**
 * Packaging the Teams app: the zip holds exactly the manifest, its localization and the two icons,
 * byte-for-byte what was meant, and a missing or bad value stops the build with a message that names it.
 * The zip is read back with a reader written here, independent of scripts/zip.ts (CRC from node:zlib).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';
import {
  DEFAULT_ENV_FILE,
  MissingVariablesError,
  PackageError,
  REPO_ROOT,
  buildAppPackage,
  main,
  parseDotenv,
  substitute,
  type Json,
} from '../../scripts/package-app';
import { createZip } from '../../scripts/zip';

const APP_DIR = join(REPO_ROOT, 'appPackage');
const rawManifest = JSON.parse(readFileSync(join(APP_DIR, 'manifest.json'), 'utf8')) as Json;
const rawEn = JSON.parse(readFileSync(join(APP_DIR, 'en.json'), 'utf8')) as Json;
const playgroundVars = parseDotenv(readFileSync(DEFAULT_ENV_FILE, 'utf8'));

// ---------------------------------------------------------------- an independent zip reader

interface ReadEntry {
  name: string;
  data: Buffer;
}

function readZip(zip: Buffer): ReadEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory record');
  const count = zip.readUInt16LE(eocd + 10);
  const directoryEnd = zip.readUInt32LE(eocd + 16) + zip.readUInt32LE(eocd + 12);
  expect(directoryEnd).toBe(eocd);
  const entries: ReadEntry[] = [];
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressedSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const skip = nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);

    expect(zip.readUInt32LE(localOffset)).toBe(0x04034b50);
    expect(zip.readUInt32LE(localOffset + 14)).toBe(crc);
    expect(zip.toString('utf8', localOffset + 30, localOffset + 30 + zip.readUInt16LE(localOffset + 26))).toBe(name);
    const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const body = zip.subarray(start, start + compressedSize);
    expect([0, 8]).toContain(method);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    entries.push({ name, data });
    p += 46 + skip;
  }
  return entries;
}

// ---------------------------------------------------------------- a small PNG decoder (8-bit RGBA)

function decodePng(png: Buffer): { width: number; height: number; colorType: number; rgba: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  for (let o = 8; o < png.length; ) {
    const length = png.readUInt32BE(o);
    const type = png.toString('ascii', o + 4, o + 8);
    const data = png.subarray(o + 8, o + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colorType = data[9] as number;
      expect(data[8]).toBe(8); // bit depth
      expect(data[12]).toBe(0); // not interlaced
    } else if (type === 'IDAT') idat.push(data);
    o += 12 + length;
  }
  if (colorType !== 6) return { width, height, colorType, rgba: Buffer.alloc(0) };
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] as number;
      const a = x >= 4 ? (rgba[y * stride + x - 4] as number) : 0;
      const b = y > 0 ? (rgba[(y - 1) * stride + x] as number) : 0;
      const c = x >= 4 && y > 0 ? (rgba[(y - 1) * stride + x - 4] as number) : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, paeth()][filter as number];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter}`);
      rgba[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  return { width, height, colorType, rgba };
}

// ---------------------------------------------------------------- tests

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'sv-app-package-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

function build(overrides: Record<string, string> = {}, envFile = DEFAULT_ENV_FILE) {
  return buildAppPackage({ envFile, env: overrides, outDir: work });
}

/** The error a call throws; fails the test when it throws nothing. */
function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, but none was thrown');
}

describe('the app package', () => {
  it('is written as appPackage.<env>.zip with exactly the manifest, localization and icons', () => {
    const result = build();
    expect(result.zipPath).toBe(join(work, 'appPackage.playground.zip'));
    const entries = readZip(readFileSync(result.zipPath));
    expect(entries.map((e) => e.name).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
  });

  it('holds the manifest filled in from the env file, and the files as they are', () => {
    const entries = Object.fromEntries(readZip(readFileSync(build().zipPath)).map((e) => [e.name, e.data]));
    const manifest = JSON.parse((entries['manifest.json'] as Buffer).toString('utf8')) as Json;
    expect(manifest).toEqual(substitute(rawManifest, playgroundVars));
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(JSON.parse((entries['en.json'] as Buffer).toString('utf8'))).toEqual(rawEn);
    expect(entries['color.png']).toEqual(readFileSync(join(APP_DIR, 'color.png')));
    expect(entries['outline.png']).toEqual(readFileSync(join(APP_DIR, 'outline.png')));
  });

  it('has a 192x192 colour icon and a 32x32 outline icon that is white on transparent', () => {
    const entries = Object.fromEntries(readZip(readFileSync(build().zipPath)).map((e) => [e.name, e.data]));
    const color = decodePng(entries['color.png'] as Buffer);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = decodePng(entries['outline.png'] as Buffer);
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    let visible = 0;
    for (let i = 0; i < outline.rgba.length; i += 4) {
      if (outline.rgba[i + 3] === 0) continue;
      visible++;
      expect([outline.rgba[i], outline.rgba[i + 1], outline.rgba[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(50); // a mark is drawn, not an empty square
    expect(visible).toBeLessThan(32 * 32); // and the background is transparent
  });

  it('lets the process environment override the env file', () => {
    const result = build({ BOT_DOMAIN: 'sociaalveilig.example.nl' });
    expect(result.manifest.validDomains).toEqual(['sociaalveilig.example.nl']);
  });

  it('is byte-for-byte the same when built twice from the same input', () => {
    const first = readFileSync(build().zipPath);
    const second = readFileSync(build().zipPath);
    expect(second.equals(first)).toBe(true);
  });

  it('cannot get an entry name that would escape the folder it is unpacked in', () => {
    for (const name of ['../manifest.json', '/manifest.json', 'a\\b.png', 'icons/../../x']) {
      expect(() => createZip([{ name, data: Buffer.from('x') }])).toThrow(/zip entry names/);
    }
  });

  const unzip = '/usr/bin/unzip';
  (existsSync(unzip) ? it : it.skip)('passes the integrity test of the system unzip (extra check when present)', () => {
    const out = execFileSync(unzip, ['-t', build().zipPath], { encoding: 'utf8' });
    expect(out).toMatch(/No errors detected/);
  });
});

describe('packaging refuses', () => {
  it('a missing variable, naming it, and writes no zip', () => {
    const { BOT_ID: _dropped, ...rest } = playgroundVars;
    const envFile = join(work, '.env.broken');
    writeFileSync(envFile, `${Object.entries(rest).map(([k, v]) => `${k}=${v}`).join('\n')}\nAAD_APP_CLIENT_ID=\n`);
    const error = errorOf(() => build({}, envFile));
    expect(error).toBeInstanceOf(MissingVariablesError);
    expect((error as MissingVariablesError).missing.sort()).toEqual(['AAD_APP_CLIENT_ID', 'BOT_ID']);
    expect(error.message).toContain('BOT_ID is not set');
    expect(error.message).toContain('AAD_APP_CLIENT_ID is not set');
    expect(existsSync(join(work, 'appPackage.broken.zip'))).toBe(false);
  });

  it('the committed dev environment before provisioning, naming all four values it still needs', () => {
    const error = errorOf(() => build({}, join(REPO_ROOT, 'env', '.env.dev')));
    expect(error).toBeInstanceOf(MissingVariablesError);
    expect((error as MissingVariablesError).missing.sort()).toEqual(['AAD_APP_CLIENT_ID', 'BOT_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID']);
    for (const name of ['TEAMS_APP_ID', 'BOT_ID', 'AAD_APP_CLIENT_ID', 'BOT_DOMAIN']) expect(error.message).toContain(`${name} is not set`);
  });

  it('a value that makes the manifest invalid', () => {
    const error = errorOf(() => build({ BOT_ID: 'not-a-guid' }));
    expect(error).toBeInstanceOf(PackageError);
    expect(error.message).toMatch(/manifest\.json \/bots\/0\/botId/);
  });

  it('an icon of the wrong size', () => {
    const appDir = join(work, 'appPackage');
    cpSync(APP_DIR, appDir, { recursive: true, filter: (src) => !src.includes(`${join(APP_DIR, 'build')}`) });
    copyFileSync(join(APP_DIR, 'color.png'), join(appDir, 'outline.png'));
    expect(() => buildAppPackage({ appPackageDir: appDir, envFile: DEFAULT_ENV_FILE, env: {}, outDir: work })).toThrow(
      /outline\.png is 192x192; the outline icon must be 32x32/,
    );
  });
});

describe('the command line', () => {
  let log: jest.SpyInstance;
  let err: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    log.mockRestore();
    err.mockRestore();
  });

  it('builds with --env and --out and reports the zip', () => {
    expect(main(['--env', DEFAULT_ENV_FILE, '--out', work])).toBe(0);
    expect(existsSync(join(work, 'appPackage.playground.zip'))).toBe(true);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('appPackage.playground.zip'));
  });

  it('fails with exit code 1 and a message on a bad argument', () => {
    expect(main(['--bogus'])).toBe(1);
    expect(err).toHaveBeenCalledWith(expect.stringContaining('unknown argument "--bogus"'));
  });
});
