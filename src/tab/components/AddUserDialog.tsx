import { useEffect, useMemo, useState } from 'react';
import { Dialog, DialogBody, DialogContent, DialogSurface, DialogTitle, Spinner, Text } from '@fluentui/react-components';
import addUserTemplate from '../../../adaptiveCards/addUser.json';
import type { OperationId } from '../../services/operations/ids';
import type { ActionResponse, AddFormResponse } from '../../web/routes/tab/wire';
import type { Api } from '../api';
import { newKey } from '../config';
import { AdaptiveCardHost, type CardSubmission } from './AdaptiveCardHost';

interface FormState {
  facts: AddFormResponse;
  values: Record<string, string>;
  error?: string;
  fieldErrors: Record<string, string>;
  /** The existing person the new one may be: the card asks, and offers "Add as a new person anyway". */
  possibleMatch?: { id: string; text: string };
}

/**
 * "Add user": the bot's add-user card (adaptiveCards/addUser.json), bound with the same data shape as
 * src/cards/addUserCard.ts and rendered by the Adaptive Cards renderer. A refusal comes back onto the
 * card with the values typed and the reason under each field; the key stays, so the add happens once.
 * A possible match of an existing person comes back the same way, with the question and the toggle that
 * confirms they are someone else (its value, the match's id, is checked again by the server).
 */
export function AddUserDialog(props: { api: Api; companyId: string; onClose(result?: ActionResponse): void }) {
  const { api, companyId } = props;
  const [form, setForm] = useState<FormState>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const key = useMemo(newKey, []);

  useEffect(() => {
    api
      .get<AddFormResponse>(`/api/tab/companies/${encodeURIComponent(companyId)}/add-form`)
      .then((facts) => {
        const role = facts.roles.some((r) => r.value === 'user') ? 'user' : (facts.roles[0]?.value ?? '');
        setForm({ facts, values: { name: '', email: '', phone: '', role, invite: 'true' }, fieldErrors: {} });
      })
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  }, [api, companyId]);

  const data = useMemo(
    () =>
      form && {
        companyName: form.facts.companyName,
        error: form.error,
        fieldErrors: form.fieldErrors,
        possibleMatch: form.possibleMatch,
        values: form.values,
        emailPattern: form.facts.emailPattern,
        roles: form.facts.roles,
        submitData: { companyId },
        cancelData: {}
      },
    [form, companyId]
  );

  async function execute({ verb, data: values }: CardSubmission) {
    if (verb !== ('user.add' satisfies OperationId) || !form) return props.onClose();
    if (busy) return;
    setBusy(true);
    const typed = { name: String(values.name ?? ''), email: String(values.email ?? ''), phone: String(values.phone ?? ''), role: String(values.role ?? ''), invite: String(values.invite ?? 'false') };
    const addAnyway = String(values.addAnyway ?? 'false');
    try {
      const result = await api.act(`/api/tab/companies/${encodeURIComponent(companyId)}/users`, { ...typed, addAnyway, key });
      if (result.status === 'refused' && result.possibleMatch) setForm({ ...form, values: typed, error: undefined, fieldErrors: {}, possibleMatch: result.possibleMatch });
      else if (result.status === 'refused' && result.fields) setForm({ ...form, values: typed, error: result.message, fieldErrors: result.fields, possibleMatch: undefined });
      else props.onClose(result);
    } catch (error) {
      setForm({ ...form, values: typed, error: error instanceof Error ? error.message : String(error), fieldErrors: {} });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface aria-label="Add a portal user">
        <DialogBody>
          <DialogTitle>Add a portal user</DialogTitle>
          <DialogContent>
            {failure && <Text role="alert">{failure}</Text>}
            {!failure && !data && <Spinner label="Loading the form…" />}
            {data && <AdaptiveCardHost template={addUserTemplate} data={data} onExecute={(s) => void execute(s)} label="Add user form" />}
            {busy && <Spinner size="tiny" label="Adding…" />}
          </DialogContent>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
