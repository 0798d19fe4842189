// Modal dialogs: confirmation of destructive actions, and the new secret shown once.
import { byId } from './dom.js';

/**
 * Asks for confirmation in the #confirm-dialog.
 * @param {{title: string, message: string, confirmLabel: string, danger?: boolean, extra?: Node}} options
 * @returns {Promise<boolean>} true when confirmed
 */
export function confirmAction({ title, message, confirmLabel, danger = true, extra = null }) {
  const dialog = byId('confirm-dialog');
  byId('confirm-title').textContent = title;
  byId('confirm-message').textContent = message;
  byId('confirm-extra').replaceChildren(...(extra ? [extra] : []));
  const ok = byId('confirm-ok');
  ok.textContent = confirmLabel;
  ok.className = danger ? 'danger' : '';
  dialog.returnValue = '';
  const opener = document.activeElement;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      if (opener && opener.isConnected) opener.focus();
      resolve(dialog.returnValue === 'confirm');
    }, { once: true });
    dialog.showModal();
    // the safe choice has the focus; the extra fields come first when there are any
    const first = extra && extra.querySelector('input, select');
    (first || byId('confirm-cancel')).focus();
  });
}

const TOKEN_TEXTS = {
  title: 'Copy your new token',
  lead: 'This token will not be shown again.',
  text: 'Copy it now and store it securely (for example in your secrets manager). Never share it over unsecured channels.',
  label: 'Token for',
  done: 'I have stored the token',
};

/**
 * Shows a secret with a Copy button and a warning: a full token once (the default texts), or a shared secret
 * (texts passed in). The dialog cannot be dismissed with Escape, so the secret is not lost by accident; the value
 * is wiped from the page when it closes.
 * @param {string} secret the value
 * @param {string} name what it belongs to
 * @param {{title?: string, lead?: string, text?: string, label?: string, done?: string}} texts
 * @returns {Promise<void>} resolved when closed
 */
export function showSecret(secret, name, texts = {}) {
  const t = { ...TOKEN_TEXTS, ...texts };
  const dialog = byId('secret-dialog');
  const input = byId('secret-value');
  const status = byId('copy-status');
  input.value = secret;
  byId('secret-title').textContent = t.title;
  byId('secret-warning-lead').textContent = t.lead;
  byId('secret-warning-text').textContent = t.text;
  byId('secret-label').textContent = t.label;
  byId('secret-token-name').textContent = name;
  byId('secret-done').textContent = t.done;
  status.textContent = '';
  const onCancel = (event) => {
    event.preventDefault();
    status.textContent = `Copy the value first, then choose "${t.done}".`;
  };
  const onCopy = async () => {
    input.focus();
    input.select();
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(input.value);
      } else if (!document.execCommand('copy')) {
        throw new Error('copy refused');
      }
      status.textContent = 'Copied to the clipboard.';
    } catch (e) {
      status.textContent = 'The browser did not allow copying: the value is selected, press Ctrl+C (or ⌘C).';
    }
  };
  const copy = byId('copy-secret');
  const done = byId('secret-done');
  return new Promise((resolve) => {
    const onDone = () => dialog.close();
    dialog.addEventListener('cancel', onCancel);
    copy.addEventListener('click', onCopy);
    done.addEventListener('click', onDone);
    dialog.addEventListener('close', () => {
      dialog.removeEventListener('cancel', onCancel);
      copy.removeEventListener('click', onCopy);
      done.removeEventListener('click', onDone);
      input.value = '';
      status.textContent = '';
      resolve();
    }, { once: true });
    dialog.showModal();
    input.focus();
    input.select();
  });
}
