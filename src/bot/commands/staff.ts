import { cardAttachment } from '../cardAttachment';
import type { StaffImportSource } from '../../domain/identity';
import { renderStaff } from '../actions/staff';
import { staffImportCardOf, staffSourcesCardFor } from '../actions/staffImport';
import type { BotCommand } from './command';

/** What people call each import source when they type it. */
const SOURCE_WORDS: [RegExp, StaffImportSource][] = [
  [/^(?:microsoft )?(?:entra(?: id)?|m365|microsoft 365|office 365|azure ad|aad|our (?:own )?(?:tenant|directory))$/i, 'entra'],
  [/^(?:connectwise(?: manage| psa)?|cw(?: manage)?|manage)$/i, 'connectwise'],
  [/^(?:halo(?: ?psa)?)$/i, 'halo'],
  [/^(?:autotask(?: psa)?|datto autotask)$/i, 'autotask'],
  [/^(?:syncro(?: ?msp)?)$/i, 'syncro']
];

type StaffArgs = { kind: 'list'; search?: string } | { kind: 'import'; source?: StaffImportSource; unknownSource?: string };

/**
 * `staff` (Super Admin): the MSP's staff with role, source, link status and last sync, and what may be
 * done to each. `import staff [from <source>]` goes straight to the import.
 */
export const staffCommand: BotCommand<StaffArgs> = {
  id: 'staff',
  title: 'staff',
  usage: 'staff',
  description: 'Your staff and their roles: change or remove a role; "import staff" from Microsoft Entra ID or your PSA.',
  action: 'staff.manage',
  scopes: ['personal'],
  parse: (text) => {
    const importing = /^import (?:staff|technicians|members|agents|resources|msp users)(?: from (.+))?$/i.exec(text);
    if (importing) {
      const said = importing[1]?.trim();
      if (!said) return { kind: 'import' };
      const source = SOURCE_WORDS.find(([words]) => words.test(said))?.[1];
      return source ? { kind: 'import', source } : { kind: 'import', unknownSource: said };
    }
    const listing = /^(?:list |show |manage )?(?:msp |our |my )?staff(?: (?:list|members|roles))?(?: (?:named |matching )?(.+))?$/i.exec(text);
    return listing ? { kind: 'list', search: listing[1]?.trim() || undefined } : undefined;
  },
  async run({ turn, actor, services }, args) {
    let card;
    if (args.kind === 'list') card = await renderStaff(services, actor, { search: args.search });
    else if (args.source) card = staffImportCardOf(await services.staff.open(actor, args.source));
    else card = staffSourcesCardFor(services, actor);
    await turn.sendActivity({ attachments: [cardAttachment(card)] });
  }
};
