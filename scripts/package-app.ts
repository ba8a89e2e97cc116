/**
 * Builds the Teams app package: appPackage/build/appPackage.<env>.zip.
 *
 *   node dist/scripts/package-app.js [--env env/.env.dev] [--out <dir>]
 *
 * Every `${{NAME}}` in the manifest and its localization files is filled from the env file
 * (default env/.env.playground) and from the process environment, which wins so CI can override.
 * The result is validated against the manifest schema bundled with @microsoft/app-manifest, the
 * Teams rules the schema does not express are checked, and the icon sizes are read from the PNGs.
 * Any problem stops the build with one message that names every problem at once.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { createZip, type ZipEntry } from './zip';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Vars = Record<string, string | undefined>;

/** The shape of the manifest parts this script reads; the schema checks the rest. */
export interface Manifest {
  manifestVersion: string;
  icons: { color: string; outline: string };
  localizationInfo?: {
    defaultLanguageTag: string;
    defaultLanguageFile?: string;
    additionalLanguages?: { languageTag: string; file: string }[];
  };
  bots?: { botId: string; scopes: string[]; commandLists?: { scopes: string[]; commands: { title: string }[] }[] }[];
  staticTabs?: { entityId: string; name?: string; scopes: string[] }[];
  validDomains?: string[];
  [key: string]: unknown;
}

export class PackageError extends Error {
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(`${message}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PackageError';
  }
}

export class MissingVariablesError extends PackageError {
  constructor(readonly missing: string[]) {
    super(
      'Missing values for placeholders in the app package (set them in the env file or the environment)',
      missing.map((name) => `${name} is not set`),
    );
    this.name = 'MissingVariablesError';
  }
}

export const REPO_ROOT = findRepoRoot(__dirname);
export const DEFAULT_ENV_FILE = join(REPO_ROOT, 'env', '.env.playground');
export const MAX_COMMAND_LISTS = 3;
export const MAX_COMMANDS_PER_LIST = 12;

/** Works both from scripts/ (ts-jest) and from dist/scripts/ (compiled). */
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'appPackage'))) return dir;
    if (dirname(dir) === dir) return resolve(from, '..');
  }
}

// ---------------------------------------------------------------- variables

/** dotenv-style lines: KEY=VALUE, # comments, optional export and quotes. No interpolation. */
export function parseDotenv(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = (match[2] as string).trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2] as string;
    else value = value.replace(/\s+#.*$/, ''); // an unquoted value ends at an inline comment
    vars[match[1] as string] = value;
  }
  return vars;
}

/** The env file's values, overridden by non-empty values from the process environment. */
export function loadVariables(envFile: string | undefined, processEnv: Vars = process.env): Vars {
  const fromFile = envFile ? parseDotenv(readFileSync(envFile, 'utf8')) : {};
  const vars: Vars = { ...fromFile };
  for (const [key, value] of Object.entries(processEnv)) {
    if (value !== undefined && value !== '') vars[key] = value;
  }
  return vars;
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Every placeholder name used anywhere in a JSON value, in order of first use. */
export function findPlaceholders(value: Json): string[] {
  const names = new Set<string>();
  walkStrings(value, (s) => {
    for (const m of s.matchAll(PLACEHOLDER)) names.add(m[1] as string);
    return s;
  });
  return [...names];
}

/**
 * Fills placeholders inside string values only (after parsing), so a value with quotes or
 * backslashes cannot break the JSON. Throws one error naming every missing variable.
 */
export function substitute<T extends Json>(value: T, vars: Vars): T {
  const missing = findPlaceholders(value).filter((name) => !vars[name]);
  if (missing.length > 0) throw new MissingVariablesError(missing);
  return walkStrings(value, (s) => s.replace(PLACEHOLDER, (_m, name: string) => vars[name] as string)) as T;
}

function walkStrings(value: Json, fn: (s: string) => string): Json {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => walkStrings(v, fn));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walkStrings(v, fn)]));
  }
  return value;
}

// ---------------------------------------------------------------- schema validation

export function schemaDir(manifestVersion: string): string {
  const pkg = require.resolve('@microsoft/app-manifest/package.json');
  const dir = join(dirname(pkg), 'build', 'json-schemas', 'teams', `v${manifestVersion}`);
  if (!existsSync(dir)) {
    throw new PackageError('Unsupported manifest version', [
      `no schema for manifestVersion "${manifestVersion}" is bundled in @microsoft/app-manifest (looked in ${dir})`,
    ]);
  }
  return dir;
}

const validators = new Map<string, ValidateFunction>();

function validator(file: string): ValidateFunction {
  let validate = validators.get(file);
  if (!validate) {
    // The Teams schemas are draft-04 (Ajv's default is 2020-12). Their patterns use non-unicode regex
    // syntax and a few keywords without a type, so unicode and strict mode are off, as in the
    // validator of @microsoft/app-manifest itself.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv, ['uri', 'email', 'regex']);
    validate = ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
    validators.set(file, validate);
  }
  return validate;
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`.trim());
}

/** Schema errors for a substituted manifest; empty when valid. */
export function validateManifest(manifest: Json, manifestVersion = '1.30'): string[] {
  const validate = validator(join(schemaDir(manifestVersion), 'MicrosoftTeams.schema.json'));
  return validate(manifest) ? [] : describe(validate.errors);
}

/** Schema errors for a localization file; empty when valid. */
export function validateLocalization(localization: Json, manifestVersion = '1.30'): string[] {
  const validate = validator(join(schemaDir(manifestVersion), 'MicrosoftTeams.Localization.schema.json'));
  return validate(localization) ? [] : describe(validate.errors);
}

// ---------------------------------------------------------------- rules outside the schema

/**
 * Teams rules that the schema leaves out or that tie files together. A localization key that
 * points at no command or tab is silently ignored by Teams, so it is an error here.
 */
export function checkManifestRules(manifest: Manifest, localizations: Record<string, Record<string, Json>>): string[] {
  const problems: string[] = [];
  const lists = manifest.bots?.[0]?.commandLists ?? [];
  if (lists.length > MAX_COMMAND_LISTS) problems.push(`bots[0] has ${lists.length} command lists; at most ${MAX_COMMAND_LISTS}`);
  lists.forEach((list, i) => {
    if (list.commands.length > MAX_COMMANDS_PER_LIST) {
      problems.push(`bots[0].commandLists[${i}] has ${list.commands.length} commands; at most ${MAX_COMMANDS_PER_LIST}`);
    }
  });
  for (const [i, tab] of (manifest.staticTabs ?? []).entries()) {
    if (tab.scopes.length !== 1 || tab.scopes[0] !== 'personal') {
      problems.push(`staticTabs[${i}] (${tab.entityId}) must have scopes ["personal"]; Teams supports static tabs only there`);
    }
  }
  for (const domain of manifest.validDomains ?? []) {
    if (/[/\s]/.test(domain)) problems.push(`validDomains entry "${domain}" must be a host name (no scheme, path or spaces)`);
  }
  for (const [file, strings] of Object.entries(localizations)) {
    for (const key of Object.keys(strings)) {
      const command = /^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/.exec(key);
      if (command) {
        const target = lists[Number(command[1])]?.commands[Number(command[2])];
        if (!target) problems.push(`${file}: "${key}" points at no command in the manifest`);
        continue;
      }
      const tab = /^staticTabs\[(\d+)\]\.name$/.exec(key);
      if (tab && manifest.staticTabs?.[Number(tab[1])]?.name === undefined) {
        problems.push(`${file}: "${key}" points at no named static tab in the manifest`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------- icons

export function readPngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export const ICON_SIZES = { color: 192, outline: 32 } as const;

export function checkIcons(appPackageDir: string, manifest: Manifest): string[] {
  const problems: string[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const file = join(appPackageDir, manifest.icons[kind]);
    const want = ICON_SIZES[kind];
    try {
      const { width, height } = readPngSize(readFileSync(file));
      if (width !== want || height !== want) {
        problems.push(`${manifest.icons[kind]} is ${width}x${height}; the ${kind} icon must be ${want}x${want}`);
      }
    } catch (e) {
      problems.push(`${manifest.icons[kind]}: ${(e as Error).message}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------- packaging

export interface PackageOptions {
  /** Folder with manifest.json, its localization files and icons. */
  appPackageDir?: string;
  /** dotenv file with the placeholder values; default env/.env.playground. */
  envFile?: string;
  /** Overrides for the env file; default process.env. */
  env?: Vars;
  /** Where the zip goes; default <appPackageDir>/build. */
  outDir?: string;
}

export interface PackageResult {
  zipPath: string;
  envName: string;
  manifest: Manifest;
  /** Zip entry name -> exact bytes written. */
  files: Record<string, Buffer>;
}

/** "env/.env.dev" -> "dev"; otherwise TEAMSFX_ENV; otherwise "custom". */
export function envNameOf(envFile: string | undefined, vars: Vars): string {
  const fromFile = envFile ? /^\.env\.([A-Za-z0-9_-]+)$/.exec(basename(envFile))?.[1] : undefined;
  return fromFile ?? vars.TEAMSFX_ENV ?? 'custom';
}

function readJson(file: string): Json {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Json;
  } catch (e) {
    throw new PackageError('Cannot read the app package', [`${file}: ${(e as Error).message}`]);
  }
}

/** The localization files the manifest points at, relative to the app package folder. */
export function localizationFiles(manifest: Manifest): string[] {
  const info = manifest.localizationInfo;
  const files = (info?.additionalLanguages ?? []).map((l) => l.file);
  if (info?.defaultLanguageFile) files.unshift(info.defaultLanguageFile);
  return files;
}

export function buildAppPackage(options: PackageOptions = {}): PackageResult {
  const appPackageDir = options.appPackageDir ?? join(REPO_ROOT, 'appPackage');
  const envFile = options.envFile ?? DEFAULT_ENV_FILE;
  const vars = loadVariables(envFile, options.env ?? process.env);

  const rawManifest = readJson(join(appPackageDir, 'manifest.json'));
  const rawLocalizations = Object.fromEntries(
    localizationFiles(rawManifest as unknown as Manifest).map((f) => [f, readJson(join(appPackageDir, f))]),
  );

  // Collect the missing variables of all files first, so one run names them all.
  const missing = [...new Set([rawManifest, ...Object.values(rawLocalizations)].flatMap(findPlaceholders))].filter(
    (name) => !vars[name],
  );
  if (missing.length > 0) throw new MissingVariablesError(missing);

  const manifestJson = substitute(rawManifest, vars);
  const manifest = manifestJson as unknown as Manifest;
  const localizations = Object.fromEntries(
    Object.entries(rawLocalizations).map(([f, json]) => [f, substitute(json, vars) as Record<string, Json>]),
  );

  const problems = [
    ...validateManifest(manifestJson, manifest.manifestVersion).map((p) => `manifest.json ${p}`),
    ...Object.entries(localizations).flatMap(([f, json]) =>
      validateLocalization(json, manifest.manifestVersion).map((p) => `${f} ${p}`),
    ),
    ...checkManifestRules(manifest, localizations),
    ...checkIcons(appPackageDir, manifest),
  ];
  if (problems.length > 0) throw new PackageError('The app package is not valid', problems);

  const files: Record<string, Buffer> = {
    'manifest.json': Buffer.from(`${JSON.stringify(manifestJson, null, 2)}\n`, 'utf8'),
    [manifest.icons.color]: readFileSync(join(appPackageDir, manifest.icons.color)),
    [manifest.icons.outline]: readFileSync(join(appPackageDir, manifest.icons.outline)),
  };
  for (const [f, json] of Object.entries(localizations)) files[f] = Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8');

  const envName = envNameOf(envFile, vars);
  const outDir = options.outDir ?? join(appPackageDir, 'build');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `appPackage.${envName}.zip`);
  const entries: ZipEntry[] = Object.entries(files).map(([name, data]) => ({ name, data }));
  writeFileSync(zipPath, createZip(entries));
  return { zipPath, envName, manifest, files };
}

// ---------------------------------------------------------------- command line

export function parseArgs(argv: readonly string[]): { envFile?: string; outDir?: string } {
  const result: { envFile?: string; outDir?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (!v) throw new PackageError('Bad arguments', [`${flag} needs a value`]);
      return v;
    };
    if (flag === '--env') result.envFile = resolve(value());
    else if (flag === '--out') result.outDir = resolve(value());
    else throw new PackageError('Bad arguments', [`unknown argument "${arg}"; usage: package-app [--env <file>] [--out <dir>]`]);
  }
  return result;
}

export function main(argv: readonly string[] = process.argv.slice(2)): number {
  try {
    const { envFile, outDir } = parseArgs(argv);
    const result = buildAppPackage({ envFile, outDir });
    console.log(`Wrote ${result.zipPath} (${Object.keys(result.files).join(', ')})`);
    return 0;
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    return 1;
  }
}

if (require.main === module) process.exitCode = main();
