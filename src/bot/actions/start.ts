import { z } from 'zod';
import { companyCard } from '../commands/companyArgument';
import type { Services } from '../../services';
import { cardAction } from './cardAction';
import { importCardOf } from './entraImport';
import { renderUsers } from './showUsers';
import { CARD_VERBS } from '../../cards/verbs';

/**
 * start.pick: a button of the help and welcome cards for a command that names a company ("users of…",
 * "import users for…"): the same pick list as the command typed without a name, each company a button
 * to the next step.
 */
export function startPickAction(services: Services) {
  return cardAction(services, z.object({ next: z.enum(['users', 'import']) }), async ({ actor }, data) =>
    data.next === 'users'
      ? companyCard(services, actor, '', { verb: CARD_VERBS.users.show, data: (companyId) => ({ view: { companyId, category: 'enabled' } }) }, (company) =>
          renderUsers(services, actor, { companyId: company.id, category: 'enabled' })
        )
      : companyCard(services, actor, '', { verb: CARD_VERBS.import.open, data: (companyId) => ({ companyId }) }, async (company) =>
          importCardOf(await services.imports.open(actor, company.id))
        )
  );
}
