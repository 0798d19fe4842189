// The usage-quota dialog: shows a token's remaining uses and sets, resets or removes its quota.
import { el } from './dom.js';
import { ApiError } from './api.js';
import { confirmAction } from './dialogs.js';

const REFILLS = [['', 'Never (only a reset restores it)'], ['DAILY', 'Every day (00:00 UTC)'], ['MONTHLY', 'Every month (1st, 00:00 UTC)']];

/** "40 of 100 uses left, refilled daily" or "No quota: uses are not counted". */
export function quotaText(q) {
  if (!q) return 'No quota: uses are not counted.';
  const refill = q.refill === 'DAILY' ? ', refilled daily' : q.refill === 'MONTHLY' ? ', refilled monthly' : '';
  return `${q.remaining} of ${q.amount} uses left${refill}.`;
}

function numberField(id, label, value) {
  return el('div', { class: 'field' }, el('label', { for: id, text: label }),
    el('input', { id, type: 'number', min: '0', step: '1', inputmode: 'numeric', value: value == null ? '' : String(value) }));
}

/**
 * Opens the quota dialog for a token; returns a message to announce, or null when nothing changed.
 * @param {import('./api.js').Api} api
 * @param {{id: string, name: string}} t the token
 */
export async function editQuota(api, t) {
  const path = `tokens/${encodeURIComponent(t.id)}/quota`;
  const current = (await api.get(path)).quota;
  const action = el('select', { id: 'quota-action' },
    el('option', { value: 'set', text: current ? 'Change the quota' : 'Set a quota' }),
    ...(current ? [el('option', { value: 'reset', text: `Reset to ${current.amount} uses` }),
      el('option', { value: 'remove', text: 'Remove the quota' })] : []));
  const refill = el('select', { id: 'quota-refill' },
    ...REFILLS.map(([value, text]) => el('option', { value, text })));
  refill.value = current && current.refill ? current.refill : '';
  const extra = el('div', {},
    el('p', { id: 'quota-current', class: 'sub', text: quotaText(current) }),
    el('div', { class: 'field' }, el('label', { for: 'quota-action', text: 'Action' }), action),
    numberField('quota-amount', 'Uses per period (amount)', current ? current.amount : 1000),
    numberField('quota-remaining', 'Remaining uses now (empty: the amount)', null),
    el('div', { class: 'field' }, el('label', { for: 'quota-refill', text: 'Refill' }), refill));
  if (!await confirmAction({ title: `Usage quota of “${t.name}”`, confirmLabel: 'Apply', danger: false, extra,
    message: 'Each request with this token uses one; when none is left the API answers 429 until the refill or a reset.' })) {
    return null;
  }
  switch (action.value) {
    case 'reset':
      await api.post(`${path}/reset`, {});
      return `Quota of “${t.name}” reset.`;
    case 'remove':
      await api.delete(path);
      return `Quota of “${t.name}” removed.`;
    default: {
      const amount = Number(extra.querySelector('#quota-amount').value);
      const remainingText = extra.querySelector('#quota-remaining').value;
      if (!Number.isInteger(amount) || amount < 1) throw new ApiError(400, { detail: 'Enter the number of uses (1 or more).' });
      const body = { amount, refill: refill.value || null };
      if (remainingText !== '') body.remaining = Number(remainingText);
      const saved = (await api.put(path, body)).quota;
      return `Quota of “${t.name}” set: ${quotaText(saved)}`;
    }
  }
}
