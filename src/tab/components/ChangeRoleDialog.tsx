import { useEffect, useMemo, useState } from 'react';
import { Dialog, DialogBody, DialogContent, DialogSurface, DialogTitle, Spinner, Text } from '@fluentui/react-components';
import changeRoleTemplate from '../../../adaptiveCards/changeRole.json';
import type { CardVerb } from '../../cards/verbs';
import type { ActionResponse, UserResponse, WireUser } from '../../web/routes/tab/wire';
import type { Api } from '../api';
import { newKey } from '../config';
import { AdaptiveCardHost, type CardSubmission } from './AdaptiveCardHost';

/** The card's confirm verb: the operation's id, as on the bot's card. */
const CHANGE_ROLE: CardVerb = 'user.changeRole';

/** "Change role": the bot's change-role card (adaptiveCards/changeRole.json), offering only the roles the server allows now. */
export function ChangeRoleDialog(props: { api: Api; companyId: string; user: WireUser; onClose(result?: ActionResponse): void }) {
  const { api, companyId, user } = props;
  const [detail, setDetail] = useState<UserResponse>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const key = useMemo(newKey, []);
  const path = `/api/tab/companies/${encodeURIComponent(companyId)}/users/${encodeURIComponent(user.id)}`;

  useEffect(() => {
    api
      .get<UserResponse>(path)
      .then(setDetail)
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  }, [api, path]);

  const data = useMemo(
    () =>
      detail && {
        name: detail.user.displayName,
        email: detail.user.email,
        companyName: detail.company.name,
        role: detail.user.roleLabel,
        roles: detail.roles,
        confirmVerb: CHANGE_ROLE,
        confirmData: { userId: detail.user.id },
        cancelData: {}
      },
    [detail]
  );

  async function execute({ verb, data: values }: CardSubmission) {
    if (verb !== CHANGE_ROLE || !detail) return props.onClose();
    if (busy) return;
    setBusy(true);
    try {
      props.onClose(await api.act(`${path}/changeRole`, { role: values.role, etag: detail.user.etag, key }));
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface aria-label={`Change the role of ${user.displayName}`}>
        <DialogBody>
          <DialogTitle>Change role</DialogTitle>
          <DialogContent>
            {failure && <Text role="alert">{failure}</Text>}
            {!failure && !data && <Spinner label="Loading…" />}
            {data && !failure && <AdaptiveCardHost template={changeRoleTemplate} data={data} onExecute={(s) => void execute(s)} label="Change role form" />}
          </DialogContent>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
