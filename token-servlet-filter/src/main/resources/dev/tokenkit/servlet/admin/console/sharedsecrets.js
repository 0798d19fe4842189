// The "API shared secret" panel (seed 001): create, reveal, rotate and delete shared secrets for integrations.
// Every action asks for confirmation first; values are shown in the secret dialog with a Copy button.
import { el, byId } from './dom.js';
import { confirmAction, showSecret } from './dialogs.js';
import { dateTime } from './format.js';

const OVERLAP_CHOICES = [[0, 'No overlap: the old value stops now'], [3600, '1 hour'], [86400, '1 day'],
  [604800, '7 days']];
const TEXTS = {
  title: 'Shared secret',
  lead: 'Keep this secret safe.',
  text: 'Anyone who has it can sign requests as your integration. Store it in your secrets manager and never share '
    + 'it over unsecured channels. Every reveal is recorded in the audit trail.',
  label: 'Shared secret',
  done: 'I have stored the secret',
};

export class SharedSecretsPanel {
  /**
   * @param {import('./api.js').Api} api the management API client
   * @param {(message: string) => void} announce shows a status message
   * @param {(error: Error) => void} showError shows an error
   * @param {() => Promise<void>} afterChange reloads what depends on the secrets (the audit trail)
   */
  constructor(api, announce, showError, afterChange) {
    this.api = api;
    this.announce = announce;
    this.showError = showError;
    this.afterChange = afterChange;
    this.secrets = new Map();
    byId('shared-secret-button').addEventListener('click', () => this.toggle());
    byId('shared-secret-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.create().catch(showError);
    });
    byId('shared-secret-rows').addEventListener('click', (event) => {
      const target = event.target.closest('button[data-action]');
      const secret = target && this.secrets.get(target.dataset.secretId);
      if (secret) this.run(target.dataset.action, secret).catch(showError);
    });
  }

  async toggle() {
    const section = byId('shared-secrets');
    const button = byId('shared-secret-button');
    const open = section.hidden;
    section.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    if (open) {
      try {
        await this.load();
      } catch (e) {
        this.showError(e);
      }
      byId('shared-secrets-title').focus();
    }
  }

  async load() {
    const page = await this.api.get('shared-secrets');
    this.secrets = new Map(page.items.map((s) => [s.id, s]));
    byId('shared-secret-rows').replaceChildren(...page.items.map((s) => this.row(s)));
    byId('shared-secret-empty').hidden = page.items.length > 0;
  }

  clear() {
    this.secrets.clear();
    byId('shared-secret-rows').replaceChildren();
    byId('shared-secrets').hidden = true;
    byId('shared-secret-button').setAttribute('aria-expanded', 'false');
  }

  row(s) {
    const button = (action, text, danger = false) => el('button', {
      type: 'button', class: `small ${danger ? 'danger' : 'secondary'}`, 'data-action': action,
      'data-secret-id': s.id, 'aria-label': `${text} shared secret ${s.name}`, text,
    });
    return el('tr', { 'data-secret-id': s.id, 'data-secret-name': s.name },
      el('td', { class: 'token-name', text: s.name }),
      el('td', { class: 'mono', text: s.id }),
      el('td', { text: dateTime(s.createdAt) }),
      el('td', { text: s.updatedAt === s.createdAt ? 'Never' : dateTime(s.updatedAt) }),
      el('td', { text: s.previousValidUntil && Date.parse(s.previousValidUntil) > Date.now()
        ? dateTime(s.previousValidUntil) : '—' }),
      el('td', {}, el('div', { class: 'actions' }, button('reveal', 'Reveal'), button('rotate', 'Rotate'),
        button('delete', 'Delete', true))));
  }

  async create() {
    const input = byId('shared-secret-name');
    const error = byId('shared-secret-name-error');
    const name = input.value.trim();
    error.hidden = !!name;
    if (!name) {
      error.textContent = 'Enter a name for the shared secret, e.g. the integration it is for.';
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    if (!await confirmAction({ title: `Create shared secret “${name}”?`, confirmLabel: 'Create', danger: false,
      message: 'A new 256-bit secret is generated and shown once now; you can reveal it again later.' })) return;
    let created;
    try {
      created = await this.api.post('shared-secrets', { name });
    } catch (e) {
      const fields = e.fieldErrors ? e.fieldErrors() : {};
      if (fields.name || e.status === 409) {
        error.textContent = fields.name || e.message;
        error.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      throw e;
    }
    input.value = '';
    await showSecret(created.secret, created.sharedSecret.name, TEXTS);
    await this.reload(`Shared secret “${name}” created.`);
  }

  async run(action, s) {
    const path = `shared-secrets/${encodeURIComponent(s.id)}`;
    switch (action) {
      case 'reveal': {
        if (!await confirmAction({ title: `Reveal shared secret “${s.name}”?`, confirmLabel: 'Reveal', danger: false,
          message: 'The secret is shown on this screen. The reveal is recorded in the audit trail with your name '
            + 'and address.' })) return;
        const revealed = await this.api.post(`${path}/reveal`, {});
        await showSecret(revealed.secret, s.name, TEXTS);
        await this.reload(`Shared secret “${s.name}” revealed.`);
        return;
      }
      case 'rotate': {
        const select = el('select', { id: 'overlap-seconds' },
          ...OVERLAP_CHOICES.map(([seconds, text]) => el('option', { value: seconds, text })));
        const extra = el('div', { class: 'field' },
          el('label', { for: 'overlap-seconds', text: 'Old value keeps verifying for' }), select);
        if (!await confirmAction({ title: `Rotate shared secret “${s.name}”?`, confirmLabel: 'Rotate', extra,
          message: 'A new value is generated for the same id. Update the integration with it before the overlap '
            + 'ends.' })) return;
        const rotated = await this.api.post(`${path}/rotate`, { graceSeconds: Number(select.value) });
        await showSecret(rotated.secret, s.name, TEXTS);
        await this.reload(`Shared secret “${s.name}” rotated.`);
        return;
      }
      case 'delete':
        if (!await confirmAction({ title: `Delete shared secret “${s.name}”?`, confirmLabel: 'Delete',
          message: 'The secret is removed permanently. Tokens that require signatures with it are refused until '
            + 'they are changed.' })) return;
        await this.api.delete(path);
        await this.reload(`Shared secret “${s.name}” deleted.`);
        return;
      default:
    }
  }

  async reload(message) {
    await Promise.all([this.load(), this.afterChange()]);
    this.announce(message);
  }
}
