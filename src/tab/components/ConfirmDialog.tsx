import { useMemo, useState } from 'react';
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Text } from '@fluentui/react-components';
import type { ActionResponse, WireOperation, WireUser } from '../../web/routes/tab/wire';
import type { Api } from '../api';
import { newKey } from '../config';
import { DESTRUCTIVE, EXPLANATIONS, OPERATION_TITLES, QUESTIONS, statusText } from '../labels';

/**
 * The confirmation step of invite, re-invite, revoke, enable, disable and delete. The request carries
 * the version of the user shown (ETag) and one key for this dialog: a double click acts once.
 */
export function ConfirmDialog(props: { api: Api; companyId: string; user: WireUser; operation: Exclude<WireOperation, 'changeRole'>; onClose(result?: ActionResponse): void }) {
  const { api, companyId, user, operation } = props;
  const key = useMemo(newKey, []);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  async function confirm() {
    setBusy(true);
    try {
      const path = `/api/tab/companies/${encodeURIComponent(companyId)}/users/${encodeURIComponent(user.id)}/${operation}`;
      props.onClose(await api.act(path, { etag: user.etag, key }));
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      setBusy(false);
    }
  }

  const title = OPERATION_TITLES[operation];
  return (
    <Dialog open modalType={DESTRUCTIVE.includes(operation) ? 'alert' : 'modal'} onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{QUESTIONS[operation](user.displayName)}</DialogTitle>
          <DialogContent>
            <Text block>
              {user.email} · {user.roleLabel} · {statusText(user)}
            </Text>
            <Text block>{EXPLANATIONS[operation]}</Text>
            {failure && (
              <Text block role="alert">
                {failure}
              </Text>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={busy} onClick={() => void confirm()}>
              {`Yes, ${title.toLowerCase()}`}
            </Button>
            <Button appearance="secondary" onClick={() => props.onClose()}>
              Cancel
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
