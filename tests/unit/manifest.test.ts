/**
 * The Teams app manifest and its English localization: schema-valid once filled in, within the Teams
 * limits the schema does not check, consistent with each other and with the bot's commands, and free
 * of hard-coded ids. The negative cases prove the checks can fail.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MissingVariablesError,
  REPO_ROOT,
  checkManifestRules,
  findPlaceholders,
  substitute,
  validateLocalization,
  validateManifest,
  type Json,
  type Manifest,
} from '../../scripts/package-app';
import { intentOf } from '../../bot/src/wiring/intents';
import { APP_ROLE_VALUES, ROLES } from '../../bot/src/platform/http/principal';

const APP_DIR = join(REPO_ROOT, 'appPackage');
const rawManifestText = readFileSync(join(APP_DIR, 'manifest.json'), 'utf8');
const rawEnText = readFileSync(join(APP_DIR, 'en.json'), 'utf8');
const rawManifest = JSON.parse(rawManifestText) as Json;
const en = JSON.parse(rawEnText) as Record<string, string>;

const SAMPLE = {
  TEAMS_APP_ID: '0f1e2d3c-4b5a-4697-8877-665544332211',
  BOT_ID: '1a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d',
  AAD_APP_CLIENT_ID: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  BOT_DOMAIN: 'sociaalveilig.example.nl',
};
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A fresh, filled-in copy that a test may change freely. */
function sampleManifest(): Manifest {
  return substitute(rawManifest, SAMPLE) as unknown as Manifest;
}

/** Fails with every error listed, so a broken manifest says what is wrong. */
function expectNoErrors(what: string, errors: string[]): void {
  if (errors.length > 0) throw new Error(`${what}:\n${errors.map((e) => `  - ${e}`).join('\n')}`);
}

const manifest = sampleManifest();
const bot = manifest.bots?.[0];
const lists = bot?.commandLists ?? [];

describe('raw manifest', () => {
  it('targets the v1.30 schema', () => {
    const m = rawManifest as Record<string, Json>;
    expect(m.$schema).toBe('https://developer.microsoft.com/en-us/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
    expect(m.manifestVersion).toBe('1.30');
  });

  it('takes every id and the domain from placeholders', () => {
    expect(findPlaceholders(rawManifest).sort()).toEqual(['AAD_APP_CLIENT_ID', 'BOT_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID']);
    const m = rawManifest as unknown as Manifest & { id: string; webApplicationInfo: { id: string; resource: string } };
    expect(m.id).toBe('${{TEAMS_APP_ID}}');
    expect(m.bots?.[0]?.botId).toBe('${{BOT_ID}}');
    expect(m.webApplicationInfo).toEqual({
      id: '${{AAD_APP_CLIENT_ID}}',
      resource: 'api://${{BOT_DOMAIN}}/${{AAD_APP_CLIENT_ID}}',
    });
    expect(m.validDomains).toEqual(['${{BOT_DOMAIN}}']);
  });

  it('has no hard-coded GUIDs, in the manifest or the localization', () => {
    expect(rawManifestText).not.toMatch(GUID);
    expect(rawEnText).not.toMatch(GUID);
  });

  it('points every URL at the service domain', () => {
    const urls = rawManifestText.match(/https?:\/\/[^"\s]+/g)?.filter((u) => !u.startsWith('https://developer.microsoft.com/'));
    expect(urls?.length).toBeGreaterThan(0);
    for (const url of urls ?? []) expect(url).toMatch(/^https:\/\/\$\{\{BOT_DOMAIN\}\}\//);
  });
});

describe('filled-in manifest', () => {
  it('is valid against the bundled v1.30 schema', () => {
    expectNoErrors('manifest.json schema errors', validateManifest(manifest as unknown as Json));
  });

  it('has the Dutch names, description and Rijksoverheid blue', () => {
    expect(manifest.name).toEqual({ short: 'Sociaal Veilig', full: 'Sociaal Veilig – samen werken aan een sociaal veilige werkplek' });
    expect(manifest.localizationInfo).toEqual({
      defaultLanguageTag: 'nl-nl',
      additionalLanguages: [{ languageTag: 'en-us', file: 'en.json' }],
    });
    expect(manifest.accentColor).toBe('#154273');
    expect(manifest.developer).toEqual({
      name: 'Sociaal Veilig',
      websiteUrl: `https://${SAMPLE.BOT_DOMAIN}/`,
      privacyUrl: `https://${SAMPLE.BOT_DOMAIN}/privacy`,
      termsOfUseUrl: `https://${SAMPLE.BOT_DOMAIN}/terms`,
    });
  });

  it('declares one conversational bot in personal, team and group chat', () => {
    expect(manifest.bots).toHaveLength(1);
    expect(bot).toMatchObject({
      botId: SAMPLE.BOT_ID,
      scopes: ['personal', 'team', 'groupChat'],
      supportsFiles: false,
      isNotificationOnly: false,
    });
    expect(manifest.permissions).toEqual(['identity', 'messageTeamMembers']);
  });

  it('has at most 3 command lists of at most 12 commands', () => {
    expect(lists.length).toBeLessThanOrEqual(3);
    for (const list of lists) expect(list.commands.length).toBeLessThanOrEqual(12);
  });

  it('offers the agreed commands per scope', () => {
    const titles = (scopes: string[]) => lists.find((l) => l.scopes.join() === scopes.join())?.commands.map((c) => c.title);
    expect(titles(['personal'])).toEqual(['hallo', 'iets aankaarten', 'met iemand praten', 'workshops', 'mijn gegevens', 'workshop plannen']);
    expect(titles(['team', 'groupChat'])).toEqual(['workshop plannen', 'help']);
    for (const list of lists) for (const command of list.commands) expect(command).toHaveProperty('description');
  });

  it('has only personal static tabs: planning, doorverwijzen and the built-in chat and about', () => {
    const tabs = manifest.staticTabs ?? [];
    for (const tab of tabs) expect(tab.scopes).toEqual(['personal']);
    expect(tabs.map((t) => t.entityId)).toEqual(['planning', 'doorverwijzen', 'conversations', 'about']);
    // The tab learns the app registration's client id from its address, for its Teams sign-in (tab/src/teams-sso.ts).
    expect(tabs[0]).toMatchObject({ name: 'Mijn planning', contentUrl: `https://${SAMPLE.BOT_DOMAIN}/tab/index.html?clientId=${SAMPLE.AAD_APP_CLIENT_ID}#/planning` });
    expect(tabs[1]).toMatchObject({ name: 'Doorverwijzen', contentUrl: `https://${SAMPLE.BOT_DOMAIN}/tab/index.html?clientId=${SAMPLE.AAD_APP_CLIENT_ID}#/doorverwijzen` });
  });

  it('sets up tab SSO on the service domain', () => {
    expect(manifest.webApplicationInfo).toEqual({
      id: SAMPLE.AAD_APP_CLIENT_ID,
      resource: `api://${SAMPLE.BOT_DOMAIN}/${SAMPLE.AAD_APP_CLIENT_ID}`,
    });
    expect(manifest.validDomains).toEqual([SAMPLE.BOT_DOMAIN]);
  });

  it('passes the rules outside the schema', () => {
    expectNoErrors('manifest rule violations', checkManifestRules(manifest, { 'en.json': en }));
  });
});

describe('English localization (en.json)', () => {
  it('is valid against the bundled v1.30 localization schema', () => {
    expectNoErrors('en.json schema errors', validateLocalization(en));
  });

  it('only has command keys that match a command in the manifest', () => {
    const commandKeys = Object.keys(en).filter((k) => k.startsWith('bots['));
    expect(commandKeys.length).toBeGreaterThan(0);
    for (const key of commandKeys) {
      const m = /^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/.exec(key);
      expect(m).not.toBeNull();
      expect(lists[Number(m?.[1])]?.commands[Number(m?.[2])]).toBeDefined();
    }
  });

  it('translates every command and every named tab', () => {
    lists.forEach((list, i) =>
      list.commands.forEach((_c, j) => {
        expect(en[`bots[0].commandLists[${i}].commands[${j}].title`]).toBeTruthy();
        expect(en[`bots[0].commandLists[${i}].commands[${j}].description`]).toBeTruthy();
      }),
    );
    (manifest.staticTabs ?? []).forEach((tab, i) => {
      if (tab.name !== undefined) expect(en[`staticTabs[${i}].name`]).toBeTruthy();
    });
    expect(en['name.short']).toBe('Sociaal Veilig');
  });

  it('uses command titles, in both languages, that the bot understands', () => {
    const titles = [
      ...lists.flatMap((l) => l.commands.map((c) => c.title)),
      ...Object.entries(en)
        .filter(([k]) => k.endsWith('.title') && k.startsWith('bots['))
        .map(([, v]) => v),
    ];
    const unknown = titles.filter((t) => intentOf(t) === undefined);
    expect(unknown).toEqual([]);
  });
});

describe('the checks can fail', () => {
  it('rejects an unknown bot scope', () => {
    const m = sampleManifest();
    (m.bots?.[0]?.scopes as string[]).push('meetings');
    const errors = validateManifest(m as unknown as Json);
    expect(errors.some((e) => e.includes('/bots/0/scopes'))).toBe(true);
  });

  it('rejects a bot without an id', () => {
    const m = sampleManifest() as unknown as { bots: Record<string, unknown>[] };
    delete m.bots[0]?.botId;
    expect(validateManifest(m as unknown as Json).join('\n')).toMatch(/botId/);
  });

  it('rejects an app id that is not a GUID', () => {
    const m = substitute(rawManifest, { ...SAMPLE, TEAMS_APP_ID: 'sociaal-veilig' });
    expect(validateManifest(m).join('\n')).toMatch(/\/id /);
  });

  it('rejects a fourth command list and a thirteenth command', () => {
    const m = sampleManifest();
    const first = m.bots?.[0]?.commandLists?.[0];
    if (!first) throw new Error('no command list');
    const tooMany = Array.from({ length: 13 }, (_v, i) => ({ title: `opdracht ${i}` }));
    m.bots?.[0]?.commandLists?.push({ scopes: ['personal'], commands: tooMany }, { scopes: ['team'], commands: [] });
    expect(validateManifest(m as unknown as Json).join('\n')).toMatch(/commandLists.*(maxItems|must NOT have more than 3)/);
    const problems = checkManifestRules(m, {});
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/4 command lists/), expect.stringMatching(/13 commands/)]),
    );
  });

  it('rejects a static tab outside personal scope', () => {
    const m = sampleManifest();
    const tab = m.staticTabs?.[0];
    if (!tab) throw new Error('no static tab');
    tab.scopes = ['team'];
    expect(checkManifestRules(m, {})).toEqual([expect.stringMatching(/staticTabs\[0\] \(planning\)/)]);
  });

  it('rejects a localized command that the manifest does not have', () => {
    const problems = checkManifestRules(sampleManifest(), {
      'en.json': { ...en, 'bots[0].commandLists[1].commands[5].title': 'ghost' },
    });
    expect(problems).toEqual([expect.stringContaining('bots[0].commandLists[1].commands[5].title')]);
  });

  it('rejects a localization file without the required short name', () => {
    const { ['name.short']: _dropped, ...rest } = en;
    expect(validateLocalization(rest).join('\n')).toMatch(/name\.short/);
  });

  it('rejects a domain given as a URL', () => {
    const m = substitute(rawManifest, { ...SAMPLE, BOT_DOMAIN: 'https://sociaalveilig.example.nl' }) as unknown as Manifest;
    expect(checkManifestRules(m, {})).toEqual([expect.stringMatching(/validDomains/)]);
  });

  it('names every missing variable at once', () => {
    const { BOT_ID: _b, BOT_DOMAIN: _d, ...partial } = SAMPLE;
    let error: unknown;
    try {
      substitute(rawManifest, partial);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingVariablesError);
    expect((error as MissingVariablesError).missing.sort()).toEqual(['BOT_DOMAIN', 'BOT_ID']);
    expect((error as Error).message).toMatch(/BOT_ID is not set[\s\S]*BOT_DOMAIN is not set|BOT_DOMAIN is not set[\s\S]*BOT_ID is not set/);
  });
});

describe('Entra app for tab SSO (aad.manifest.json)', () => {
  const aad = JSON.parse(readFileSync(join(REPO_ROOT, 'aad.manifest.json'), 'utf8')) as {
    displayName: string;
    signInAudience: string;
    identifierUris: string[];
    api: {
      requestedAccessTokenVersion: number;
      oauth2PermissionScopes: { id: string; value: string; type: string; isEnabled: boolean }[];
      preAuthorizedApplications: { appId: string; delegatedPermissionIds: string[] }[];
    };
    appRoles: { id: string; value: string; displayName: string; description: string; allowedMemberTypes: string[]; isEnabled: boolean }[];
    spa: { redirectUris: string[] };
    web: { redirectUris: string[] };
  };
  /**
   * The clients that show a personal tab and ask Entra for its SSO token (Microsoft Learn, "Configure your tab app in
   * Microsoft Entra ID"; the toolkit lists the same ids): Teams, and Outlook and the Microsoft 365 app, which show
   * the personal tabs of an app published to the catalogue too.
   */
  const TAB_CLIENTS = {
    'Teams desktop and mobile': '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
    'Teams web': '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
    'Microsoft 365 web (1)': '4765445b-32c6-49b0-83e6-1d93765276ca',
    'Microsoft 365 desktop': '0ec893e0-5785-4de6-99da-4ed124e5296c',
    'Microsoft 365 web (2)': '4345a7b9-9a63-4910-a426-35363201d503',
    'Outlook desktop': 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
    'Outlook web (1)': '00000002-0000-0ff1-ce00-000000000000',
    'Outlook web (2)': 'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
    'Outlook mobile': '27922004-5251-4030-b22d-91ecd9a37ea4',
  };

  it('exposes the App ID URI that the Teams manifest asks tokens for', () => {
    const raw = rawManifest as unknown as { webApplicationInfo: { resource: string } };
    expect(aad.identifierUris).toEqual([raw.webApplicationInfo.resource]);
  });

  it('offers access_as_user, pre-authorised for every Teams, Outlook and Microsoft 365 client that shows the tab, with v2 tokens', () => {
    const scope = aad.api.oauth2PermissionScopes.find((s) => s.value === 'access_as_user');
    expect(scope).toMatchObject({ type: 'User', isEnabled: true, id: '${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}' });
    expect(aad.api.preAuthorizedApplications).toEqual(
      Object.values(TAB_CLIENTS).map((appId) => ({ appId, delegatedPermissionIds: [scope?.id] })),
    );
    expect(aad.api.requestedAccessTokenVersion).toBe(2);
    expect(aad.signInAudience).toBe('AzureADMyOrg');
  });

  it('registers the consent pop-up\'s return address as a single-page-app redirect on the service domain, a page the tab build makes', () => {
    expect(aad.spa.redirectUris).toEqual(['https://${{BOT_DOMAIN}}/tab/auth-end.html']);
    expect(aad.web.redirectUris).toEqual([]);
    expect(readFileSync(join(REPO_ROOT, 'tab', 'auth-end.html'), 'utf8')).toContain('src="/src/auth-popup.ts"');
    expect(readFileSync(join(REPO_ROOT, 'tab', 'vite.config.mts'), 'utf8')).toContain("'auth-end.html'");
  });

  it('keeps the name the toolkit creates the app with, so aadApp/update does not rename it', () => {
    for (const file of ['teamsapp.yml', 'teamsapp.local.yml']) {
      expect(readFileSync(join(REPO_ROOT, file), 'utf8')).toContain(`name: ${aad.displayName}\n`);
    }
  });

  it('declares an app role for every role the service reads from tokens, assignable to people, named in Dutch and English', () => {
    expect(aad.appRoles.map((r) => APP_ROLE_VALUES[r.value])).toEqual([...ROLES]);
    expect(Object.keys(APP_ROLE_VALUES).sort()).toEqual(aad.appRoles.map((r) => r.value).sort());
    for (const role of aad.appRoles) {
      expect(role).toMatchObject({ allowedMemberTypes: ['User'], isEnabled: true, id: expect.stringMatching(GUID) });
      // Dutch first, then English, as everywhere a person reads.
      expect(role.displayName).toMatch(/^\S.* \/ \S.*$/);
      expect(role.description).toMatch(/^\S.* \/ \S.*$/);
    }
    // An app role's id is its identity in every assignment: unique, and no other id of the app.
    expect(new Set(aad.appRoles.map((r) => r.id)).size).toBe(aad.appRoles.length);
  });
});
