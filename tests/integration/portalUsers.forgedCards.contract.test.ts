import { randomUUID } from 'node:crypto';
import { DEMO_COMPANIES, demoGuid, demoPeople, mailboxName } from '../../src/dev/demoData';
import type { UserCategory } from '../../src/domain/portalAccess';
import { OPERATION_ACTION, type UserOperation } from '../../src/domain/userOperations';
import type { Stored } from '../../src/store/documents';
import type { PortalUserDoc } from '../../src/store/model';
import { cardActions, cardClick, cardOf, cardTexts, click, personalMessage, postActivity, type TeamsContext } from '../helpers/botClient';
import { startDemoApp, type DemoApp } from '../helpers/demoApp';

/*
 * Forged card data, through the bot's real HTTP endpoint. Every case starts from a real card that a
 * real person got from "users of Fabrikam", then changes its data the way an attacker would. Security
 * invariants pinned here (DESIGN.md, "What every action guarantees"):
 * - a card submission is checked again as if it came from a stranger: a forged company id, user id,
 *   operation, role or key changes nothing and gets a card that says why;
 * - the actor comes from the activity (tenant and object id), never from card data;
 * - management cards act only in personal chat, and only for MSP staff.
 */

let demo: DemoApp;
beforeAll(async () => {
  demo = await startDemoApp();
});
afterAll(() => demo.close());

// ---------------------------------------------------------------------------------------------
// The demo world: Fabrikam, Inc. (active), Northwind Traders (active), Tailspin Toys (archived)
// ---------------------------------------------------------------------------------------------

const FABRIKAM = 0;
const NORTHWIND = 1;
const TAILSPIN = 2;

interface DemoUser {
  id: string;
  companyId: string;
  name: string;
  email: string;
}

/** The demo person at `index` of PEOPLE_PATTERN in a company (0, 1: enabled Admins; 3: enabled User; ...). */
function demoUser(company: number, index: number): DemoUser {
  const { name, domain } = DEMO_COMPANIES[company];
  const person = demoPeople(company)[index];
  const email = `${mailboxName(person)}@${domain}`;
  return { id: demoGuid('portalUser', name, email), companyId: demoGuid('company', name), name: `${person.givenName} ${person.surname}`, email };
}

const companyIdOf = (company: number) => demoGuid('company', DEMO_COMPANIES[company].name);

const LIAM = demoUser(FABRIKAM, 3); // User, enabled
const ZOE = demoUser(FABRIKAM, 4); // Training Only, enabled
const LUCAS = demoUser(FABRIKAM, 5); // User, invited
const AVA = demoUser(FABRIKAM, 0); // Admin, enabled
const NORTHWIND_USER = demoUser(NORTHWIND, 3); // User, enabled
const TAILSPIN_USER = demoUser(TAILSPIN, 3); // User, enabled, company archived

// ---------------------------------------------------------------------------------------------
// A person at the keyboard
// ---------------------------------------------------------------------------------------------

type Card = Record<string, unknown>;
type Data = Record<string, unknown>;

async function clickAs(who: string, verb: string, data: unknown, options: { scope?: 'personal' | 'channel'; teams?: TeamsContext } = {}): Promise<Card> {
  const answer = await click(demo.url, cardClick(options.teams ?? demo.teams, demo.people[who], verb, data, { scope: options.scope }));
  expect(answer.status).toBe(200);
  return answer.card;
}

/** "users of Fabrikam" in personal chat, then the category asked for. */
async function usersOfFabrikam(who: string, category: UserCategory = 'enabled'): Promise<Card> {
  const answer = await postActivity(demo.url, personalMessage(demo.teams, demo.people[who], 'users of Fabrikam'));
  let card = cardOf(answer.replies[0]) as Card;
  expect(cardTexts(card)[0]).toBe('Fabrikam, Inc.: portal users');
  if (category !== 'enabled') {
    const tab = cardActions(card).find((a) => a.verb === 'users.show' && (a.data.view as Data | undefined)?.category === category && !a.data.applySearch);
    card = await clickAs(who, 'users.show', tab?.data);
  }
  return card;
}

function action(card: Card, verb: string, match: (data: Data) => boolean = () => true) {
  const found = cardActions(card).find((a) => a.verb === verb && match(a.data));
  if (!found) throw new Error(`no ${verb} on the card: ${cardTexts(card).join(' | ')}`);
  return found;
}

/** The data of a real row button (users.ask) for a user and an operation. */
async function askData(who: string, user: DemoUser, operation: string, category: UserCategory = 'enabled'): Promise<Data> {
  const card = await usersOfFabrikam(who, category);
  return action(card, 'users.ask', (d) => d.userId === user.id && d.operation === operation).data;
}

/** The verb of an operation's confirm button: the operation's id (user.disable, …). */
const verbOf = (operation: string) => OPERATION_ACTION[operation as UserOperation] as string;

/** The data of a real confirm button (its verb is the operation's id), reached by clicking the row button. */
async function confirmData(who: string, user: DemoUser, operation: string, category: UserCategory = 'enabled'): Promise<Data> {
  const confirm = await clickAs(who, 'users.ask', await askData(who, user, operation, category));
  return action(confirm, verbOf(operation)).data;
}

/** The same confirm button as a card posted before each operation had its own verb carried it: `users.do`, naming the operation. */
async function legacyConfirmData(who: string, user: DemoUser, operation: string, category: UserCategory = 'enabled'): Promise<Data> {
  return { ...(await confirmData(who, user, operation, category)), operation };
}

/** A confirm button's click as a forger sends it with the operation's own verb: the operation the data names becomes the verb. */
function asOperationVerb(data: Data): { verb: string; data: Data } {
  return { verb: verbOf(String(data.operation)), data: without(data, 'operation') };
}

function withView(data: Data, change: Data): Data {
  return { ...data, view: { ...(data.view as Data), ...change } };
}

function without(data: Data, key: string): Data {
  const copy = { ...data };
  delete copy[key];
  return copy;
}

const texts = (card: Card) => cardTexts(card).join('\n');

// ---------------------------------------------------------------------------------------------
// What the store holds
// ---------------------------------------------------------------------------------------------

/** Every portal user of every company, as stored (with _etag): "changes nothing" means this is equal. */
async function allPortalUsers(): Promise<Stored<PortalUserDoc>[]> {
  const { resources } = await demo.testStore.store
    .container('portalUsers')
    .items.query<Stored<PortalUserDoc>>({ query: "SELECT * FROM c WHERE c.type = 'portalUser'" })
    .fetchAll();
  return resources.sort((a, b) => a.id.localeCompare(b.id));
}

async function userCount(companyId: string): Promise<number> {
  const { resources } = await demo.testStore.store
    .container('portalUsers')
    .items.query<number>({
      query: "SELECT VALUE COUNT(1) FROM c WHERE c.companyId = @companyId AND c.type = 'portalUser'",
      parameters: [{ name: '@companyId', value: companyId }]
    })
    .fetchAll();
  return resources[0];
}

async function storedUser(user: DemoUser): Promise<Stored<PortalUserDoc> | undefined> {
  return demo.app.services.repos.portalUsers.get(user.companyId, user.id);
}

/** Runs `act` and proves that no portal user of any company changed. */
async function expectNothingChanged(act: () => Promise<Card>): Promise<Card> {
  const before = await allPortalUsers();
  const card = await act();
  expect(await allPortalUsers()).toEqual(before);
  return card;
}

const OUT_OF_DATE = ['This card is out of date', 'Nothing was changed. Ask me again, for example "users of <company>", to get a fresh card.'];

// ---------------------------------------------------------------------------------------------
// users.do: the confirm button, tampered with
// ---------------------------------------------------------------------------------------------

interface Forgery {
  attack: string;
  who: string;
  /** The real confirm button the attacker starts from. */
  from: { user: DemoUser; operation: string };
  tamper: (data: Data) => Data;
  /** What the returned card must say. */
  says: string[];
}

const FORGERIES: Forgery[] = [
  {
    attack: "a Northwind user's id under Fabrikam's company id",
    who: 'alex',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => ({ ...d, userId: NORTHWIND_USER.id }),
    says: ['That user does not exist (any more).']
  },
  {
    attack: "Northwind's company id with a Fabrikam user's id",
    who: 'alex',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => withView(d, { companyId: companyIdOf(NORTHWIND) }),
    says: ['That user does not exist (any more).']
  },
  {
    attack: 'the company id of a company that does not exist',
    who: 'alex',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => withView(d, { companyId: randomUUID() }),
    says: ['Not done', 'That company does not exist (any more).']
  },
  {
    attack: 'a company id that is a query injection',
    who: 'alex',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => withView(d, { companyId: "x' OR c.type = 'company' --" }),
    says: OUT_OF_DATE
  },
  {
    attack: 'delete by the Technician (only disable was offered)',
    who: 'isaiah',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => ({ ...d, operation: 'delete' }),
    says: ['Your role (Technician) cannot delete portal users.']
  },
  {
    attack: 'change role by the Technician',
    who: 'isaiah',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => ({ ...d, operation: 'changeRole', role: 'manager' }),
    says: ["Your role (Technician) cannot change a user's company role."]
  },
  {
    attack: 'a role above what may be given: the Technician makes a User an Admin',
    who: 'isaiah',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => ({ ...d, operation: 'changeRole', role: 'admin' }),
    says: ["Your role (Technician) cannot change a user's company role."]
  },
  {
    attack: 'enable on an enabled user',
    who: 'alex',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => ({ ...d, operation: 'enable' }),
    says: ['This user already has portal access. Only disabled users can be enabled.']
  },
  {
    attack: 're-invite of someone who already has portal access',
    who: 'adele',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => ({ ...d, operation: 'reinvite' }),
    says: ['This user already has portal access. Only people with a pending invitation can be re-invited.']
  },
  {
    attack: 'an operation that does not exist',
    who: 'alex',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => ({ ...d, operation: 'makeSuperAdmin' }),
    says: OUT_OF_DATE
  },
  {
    attack: 'a role outside the enum',
    who: 'alex',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => ({ ...d, operation: 'changeRole', role: 'owner' }),
    says: OUT_OF_DATE
  },
  {
    attack: 'an MSP role as company role',
    who: 'adele',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => ({ ...d, operation: 'changeRole', role: 'superAdmin' }),
    says: OUT_OF_DATE
  },
  {
    attack: 'a missing idempotency key',
    who: 'alex',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => without(d, 'idempotencyKey'),
    says: OUT_OF_DATE
  },
  {
    attack: 'a malformed idempotency key',
    who: 'alex',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => ({ ...d, idempotencyKey: 'not-a-uuid' }),
    says: OUT_OF_DATE
  },
  {
    attack: 'an idempotency key that is an object',
    who: 'alex',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => ({ ...d, idempotencyKey: { $ne: null } }),
    says: OUT_OF_DATE
  },
  {
    attack: 'a missing ETag',
    who: 'alex',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => without(d, 'etag'),
    says: OUT_OF_DATE
  },
  {
    attack: 'extra fields that claim to be a Super Admin',
    who: 'isaiah',
    from: { user: LIAM, operation: 'disable' },
    tamper: (d) => ({
      ...d,
      operation: 'delete',
      actor: { kind: 'staff', role: 'superAdmin', displayName: 'Alex Wilber' },
      staffRole: 'superAdmin',
      from: { aadObjectId: demo.people.alex.aadObjectId },
      aadObjectId: demo.people.alex.aadObjectId,
      tenantId: demo.teams.tenantId,
      mspId: 'another-msp',
      companyId: companyIdOf(NORTHWIND)
    }),
    says: ['Your role (Technician) cannot delete portal users.']
  }
];

describe('users.do (the legacy confirm verb) with forged data changes nothing and says why', () => {
  it.each(FORGERIES)('$attack ($who)', async ({ who, from, tamper, says }) => {
    const real = await legacyConfirmData(who, from.user, from.operation);
    const card = await expectNothingChanged(() => clickAs(who, 'users.do', tamper(real)));
    expect(cardTexts(card)).toEqual(expect.arrayContaining(says));
  });
});

describe("an operation's own verb (user.disable, …) with forged data changes nothing and says why", () => {
  // The same forgeries, the operation the data names sent as the verb instead (a verb that is no operation is no verb the bot knows).
  const forgeries = FORGERIES.filter(({ attack }) => attack !== 'an operation that does not exist');
  it.each(forgeries)('$attack ($who)', async ({ who, from, tamper, says }) => {
    const forged = asOperationVerb(tamper({ ...(await confirmData(who, from.user, from.operation)), operation: from.operation }));
    const card = await expectNothingChanged(() => clickAs(who, forged.verb, forged.data));
    expect(cardTexts(card)).toEqual(expect.arrayContaining(says));
  });

  it('a real confirm button still works afterwards (the forgeries did not break the card)', async () => {
    const real = await confirmData('isaiah', ZOE, 'disable');
    const card = await clickAs('isaiah', 'user.disable', real);
    expect(texts(card)).toContain(`${ZOE.name} is disabled; their next request is refused.`);
    expect(await storedUser(ZOE)).toMatchObject({ access: 'disabled', disabledReason: 'manual' });
    // Put Zoë back for the cases below.
    const enable = await confirmData('alex', ZOE, 'enable', 'disabled');
    expect(texts(await clickAs('alex', 'user.enable', enable))).toContain(`${ZOE.name} has portal access again.`);
  });

  it("refuses a change to an archived company's user with a card from before the archive, naming the company", async () => {
    const user = (await storedUser(TAILSPIN_USER)) as Stored<PortalUserDoc>;
    const real = await confirmData('alex', LIAM, 'disable');
    const forged = { ...withView(real, { companyId: TAILSPIN_USER.companyId }), userId: user.id, etag: user._etag };
    const card = await expectNothingChanged(() => clickAs('alex', 'user.disable', forged));
    expect(cardTexts(card)).toContain('Tailspin Toys is archived; restore it before changing its users.');
    expect(await storedUser(TAILSPIN_USER)).toEqual(user);
  });
});

describe('users.ask with forged data changes nothing and says why', () => {
  const ASKS: { attack: string; who: string; tamper: (d: Data) => Data; says: string; why?: string }[] = [
    { attack: 'an operation that was not offered (delete by the Technician)', who: 'isaiah', tamper: (d) => ({ ...d, operation: 'delete' }), says: `That action does not apply to ${LIAM.name} now.`, why: 'Your role (Technician) cannot delete portal users.' },
    { attack: 'change role by the Technician', who: 'isaiah', tamper: (d) => ({ ...d, operation: 'changeRole' }), says: `That action does not apply to ${LIAM.name} now.`, why: "Your role (Technician) cannot change a user's company role." },
    { attack: 'enable on an enabled user', who: 'alex', tamper: (d) => ({ ...d, operation: 'enable' }), says: `That action does not apply to ${LIAM.name} now.`, why: 'This user already has portal access. Only disabled users can be enabled.' },
    { attack: "a Northwind user's id under Fabrikam's company id", who: 'alex', tamper: (d) => ({ ...d, userId: NORTHWIND_USER.id }), says: 'That user does not exist (any more).' },
    { attack: "Northwind's company id with a Fabrikam user's id", who: 'alex', tamper: (d) => withView(d, { companyId: companyIdOf(NORTHWIND) }), says: 'That user does not exist (any more).' }
  ];

  it.each(ASKS)('$attack ($who)', async ({ who, tamper, says, why }) => {
    const real = await askData(who, LIAM, 'disable');
    const card = await expectNothingChanged(() => clickAs(who, 'users.ask', tamper(real)));
    expect(cardTexts(card)).toContain(says);
    if (why) expect(cardTexts(card)).toContain(why);
    expect(cardActions(card).some((a) => a.verb.startsWith('user.'))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Someone else changed the user first
// ---------------------------------------------------------------------------------------------

describe('a stale card', () => {
  it('says someone else changed the user, shows the current state, and overwrites nothing', async () => {
    const alexDisable = await confirmData('alex', ZOE, 'disable');
    const alexAsk = await askData('alex', ZOE, 'delete');

    // Megan changes Zoë's role through her own card in the meantime.
    const roleForm = await clickAs('megan', 'users.ask', await askData('megan', ZOE, 'changeRole'));
    const megansChange = await clickAs('megan', 'user.changeRole', { ...action(roleForm, 'user.changeRole').data, role: 'user' });
    expect(texts(megansChange)).toContain(`${ZOE.name} is now User.`);
    const afterMegan = await storedUser(ZOE);
    expect(afterMegan).toMatchObject({ role: 'user', access: 'active' });

    const card = await expectNothingChanged(() => clickAs('alex', 'user.disable', alexDisable));
    const shown = cardTexts(card);
    expect(shown).toContain(`Someone else changed ${ZOE.name} since this card was shown. Nothing was changed; this is how it is now: enabled, User.`);
    const row = shown.indexOf(ZOE.name);
    expect(shown.slice(row, row + 4)).toEqual([ZOE.name, ZOE.email, 'User', 'Enabled']);
    expect(await storedUser(ZOE)).toEqual(afterMegan);

    const asked = await expectNothingChanged(() => clickAs('alex', 'users.ask', alexAsk));
    expect(cardTexts(asked)).toContain(`Someone else changed ${ZOE.name} since this card was shown. Here is how things are now.`);
    expect(cardActions(asked).some((a) => a.verb.startsWith('user.'))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Who clicks, and where
// ---------------------------------------------------------------------------------------------

/** A real card button of each verb, as alex got it. */
async function realButtons(): Promise<{ verb: string; data: Data }[]> {
  const users = await usersOfFabrikam('alex');
  const form = await clickAs('alex', 'users.addForm', action(users, 'users.addForm').data);
  return [
    { verb: 'users.show', data: action(users, 'users.show').data },
    { verb: 'users.ask', data: action(users, 'users.ask', (d) => d.userId === LIAM.id && d.operation === 'disable').data },
    { verb: 'user.delete', data: await confirmData('alex', LIAM, 'delete') },
    { verb: 'users.do', data: await legacyConfirmData('alex', LIAM, 'delete') },
    { verb: 'users.addForm', data: action(users, 'users.addForm').data },
    { verb: 'user.add', data: { ...action(form, 'user.add').data, name: 'Mallory Intruder', email: 'mallory@evil.example', role: 'admin', invite: 'true' } },
    { verb: 'users.add', data: { ...action(form, 'user.add').data, name: 'Mallory Intruder', email: 'mallory@evil.example', role: 'admin', invite: 'true' } }
  ];
}

const VERBS = ['users.show', 'users.ask', 'user.delete', 'users.do', 'users.addForm', 'user.add', 'users.add'];

describe('the clicker is who the activity says, not who the card was made for', () => {
  it.each(VERBS)('someone who is not staff (patti) clicking a real %s button gets the not-staff card', async (verb) => {
    const button = (await realButtons()).find((b) => b.verb === verb) as { data: Data };
    const fabrikamUsers = await userCount(companyIdOf(FABRIKAM));
    const card = await expectNothingChanged(() => clickAs('patti', verb, button.data));
    expect(cardTexts(card)).toContain('You are not on the staff list of Contoso IT Services, so there is nothing for you to do here.');
    expect(cardActions(card)).toEqual([]);
    expect(texts(card)).not.toContain(LIAM.email);
    expect(await userCount(companyIdOf(FABRIKAM))).toBe(fabrikamUsers);
  });

  it.each(VERBS)('a Super Admin clicking a real %s button in a channel is told it works only in personal chat', async (verb) => {
    const button = (await realButtons()).find((b) => b.verb === verb) as { data: Data };
    const card = await expectNothingChanged(() => clickAs('alex', verb, button.data, { scope: 'channel' }));
    expect(cardTexts(card)).toContain('This works only in personal chat with me.');
    expect(cardActions(card)).toEqual([]);
  });

  const TENANTS = [
    ['a tenant nobody knows', '99999999-9999-4999-8999-999999999999'],
    ["Fabrikam's own tenant", DEMO_COMPANIES[FABRIKAM].tenantId as string]
  ];
  it.each(TENANTS)("a Super Admin's object id from %s is not staff", async (_which, tenantId) => {
    const teams = { ...demo.teams, tenantId };
    for (const { verb, data } of await realButtons()) {
      const card = await expectNothingChanged(() => clickAs('alex', verb, data, { teams }));
      expect(cardTexts(card)).toContain('You are not on the staff list of Contoso IT Services, so there is nothing for you to do here.');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The add form, validated again on the server
// ---------------------------------------------------------------------------------------------

async function addFormSubmit(who: string): Promise<Data> {
  const users = await usersOfFabrikam(who);
  const form = await clickAs(who, 'users.addForm', action(users, 'users.addForm').data);
  expect(cardTexts(form)[0]).toBe('Add a portal user to Fabrikam, Inc.');
  return action(form, 'user.add').data;
}

describe('the add form refuses bad input on the server', () => {
  const NEW_EMAIL = 'nina.newcomer@fabrikam.example';
  const INVALID: { problem: string; inputs: Data; says: string }[] = [
    { problem: 'a missing name', inputs: { name: '', email: NEW_EMAIL, role: 'user', invite: 'true' }, says: 'Please correct: The name is missing.' },
    { problem: 'a name field left out of the data', inputs: { email: NEW_EMAIL, role: 'user', invite: 'true' }, says: 'Please correct: The name is missing.' },
    { problem: 'a name of spaces only', inputs: { name: '   ', email: NEW_EMAIL, role: 'user', invite: 'false' }, says: 'Please correct: The name is missing.' },
    { problem: 'an invalid email', inputs: { name: 'Nina Newcomer', email: 'nina.newcomer@', role: 'user', invite: 'true' }, says: 'Please correct: The email address "nina.newcomer@" is not valid.' },
    { problem: 'an email with a display name', inputs: { name: 'Nina Newcomer', email: `Nina <${NEW_EMAIL}>`, role: 'user', invite: 'true' }, says: `Please correct: The email address "Nina <${NEW_EMAIL}>" is not valid.` },
    { problem: 'an unknown role', inputs: { name: 'Nina Newcomer', email: NEW_EMAIL, role: 'owner', invite: 'true' }, says: 'Please correct: Choose a role: Admin, Manager, User or Training Only.' },
    { problem: 'an MSP role', inputs: { name: 'Nina Newcomer', email: NEW_EMAIL, role: 'superAdmin', invite: 'false' }, says: 'Please correct: Choose a role: Admin, Manager, User or Training Only.' }
  ];

  it.each(INVALID)('$problem: the form comes back with the reason, and nobody is added', async ({ inputs, says }) => {
    const submit = await addFormSubmit('adele');
    const fabrikamUsers = await userCount(companyIdOf(FABRIKAM));
    const card = await expectNothingChanged(() => clickAs('adele', 'user.add', { ...submit, ...inputs }));
    expect(cardTexts(card)[0]).toBe('Add a portal user to Fabrikam, Inc.');
    expect(cardTexts(card)).toContain(says);
    expect(action(card, 'user.add').data.idempotencyKey).toBe(submit.idempotencyKey);
    expect(await userCount(companyIdOf(FABRIKAM))).toBe(fabrikamUsers);
    expect(await demo.app.services.repos.portalUsers.findByEmail(companyIdOf(FABRIKAM), NEW_EMAIL)).toBeUndefined();
  });

  const EXISTING: { who: string; email: string; invite: string; person: DemoUser; says: string; reinvite: boolean }[] = [
    {
      who: 'isaiah',
      email: LUCAS.email.toUpperCase(),
      invite: 'true',
      person: LUCAS,
      says: `${LUCAS.name} (${LUCAS.email}) is already a portal user of Fabrikam, Inc.: invited, not confirmed. You can re-invite them.`,
      reinvite: true
    },
    {
      who: 'alex',
      email: `  Lucas.Rossi@FABRIKAM.example `,
      invite: 'false',
      person: LUCAS,
      says: `${LUCAS.name} (${LUCAS.email}) is already a portal user of Fabrikam, Inc.: invited, not confirmed. You can re-invite them.`,
      reinvite: true
    },
    {
      who: 'alex',
      email: 'Ava.Martin@Fabrikam.Example',
      invite: 'true',
      person: AVA,
      says: `${AVA.name} (${AVA.email}) is already a portal user of Fabrikam, Inc.: enabled.`,
      reinvite: false
    }
  ];

  it.each(EXISTING)('an existing email in other case ($email) is never a duplicate: $who is shown the person', async ({ who, email, invite, person, says, reinvite }) => {
    const submit = await addFormSubmit(who);
    const fabrikamUsers = await userCount(companyIdOf(FABRIKAM));
    const card = await expectNothingChanged(() => clickAs(who, 'user.add', { ...submit, name: 'Someone Else', email, role: 'user', invite }));
    expect(cardTexts(card)).toContain(says);
    const offered = cardActions(card).filter((a) => a.verb === 'users.ask' && a.data.userId === person.id).map((a) => a.data.operation);
    expect(offered.includes('reinvite')).toBe(reinvite);
    expect(cardActions(card).filter((a) => a.verb === 'users.ask').every((a) => a.data.userId === person.id)).toBe(true);
    expect(await userCount(companyIdOf(FABRIKAM))).toBe(fabrikamUsers);
  });
});
