// The create/edit token form and the expiry choices it shares with "Regenerate".
import { el, byId } from './dom.js';
import { ApiError } from './api.js';
import { showSecret } from './dialogs.js';
import { withinCap } from './scope.js';

const LEVELS = [['NONE', 'No access'], ['READ', 'Read access'], ['FULL', 'Full access']];
const FIELD_INPUTS = {
  name: 'tf-name', description: 'tf-description', owner: 'tf-owner', role: 'tf-role',
  expiration: null, access: null, allowedIps: 'tf-ips',
};

function isoDate(millis) {
  return new Date(millis).toISOString().slice(0, 10);
}

/** The last date a store holds (years 1970 to 9999). */
const LAST_DATE = '9999-12-31';

/** The last allowed date for an ISO-8601 limit such as P1Y or P6M, or the last date a store holds for none. */
function latestDate(limit) {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(limit || '');
  if (!m) return LAST_DATE;
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() + Number(m[1] || 0), d.getUTCMonth() + Number(m[2] || 0),
    d.getUTCDate() + 7 * Number(m[3] || 0) + Number(m[4] || 0) - 1);
  return isoDate(d.getTime());
}

function sameExpiration(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Radio buttons for the expiry policy's choices: the offered periods, a specific date and "No expiration",
 * as the policy allows. Returns the node and a reader of the chosen expiration.
 */
export function expiryChoices(policy, prefix) {
  const expiry = policy.expiry;
  const box = el('div', { class: 'choices' });
  const name = `${prefix}-expiry`;
  const options = [];
  expiry.choices.forEach((choice, i) => {
    options.push({ value: `choice-${i}`, label: choice.label, expiration: choice.expiration });
  });
  if (expiry.allowsFixedDate) options.push({ value: 'date', label: 'On a specific date (end of day, UTC)' });
  if (expiry.allowsNever) options.push({ value: 'never', label: 'No expiration', expiration: { never: true } });
  let checked = options.find((o) => o.expiration && sameExpiration(o.expiration, expiry.default));
  if (!checked && expiry.default && expiry.default.at) checked = options.find((o) => o.value === 'date');
  const dateInput = el('input', { type: 'date', id: `${prefix}-expiry-date`, 'aria-label': 'Expiry date',
    min: isoDate(Date.now() + 86_400_000), max: latestDate(expiry.fixedDateLimit || expiry.maxLifetime) });
  if (expiry.default && expiry.default.at) dateInput.value = expiry.default.at.slice(0, 10);
  for (const o of options) {
    const id = `${prefix}-expiry-${o.value}`;
    const radio = el('input', { type: 'radio', name, id, value: o.value, checked: o === checked });
    const row = el('div', { class: o.value === 'date' ? 'choice-date' : '' }, radio, ' ', el('label', { for: id, text: o.label }));
    if (o.value === 'date') row.append(dateInput);
    box.append(row);
  }
  dateInput.addEventListener('input', () => {
    const radio = box.querySelector(`input[value="date"]`);
    if (radio) radio.checked = true;
  });
  function read() {
    const selected = box.querySelector(`input[name="${name}"]:checked`);
    if (!selected) return { expiration: null };
    if (selected.value === 'date') {
      if (!dateInput.value) return { error: 'Choose the expiry date.' };
      return { expiration: { at: `${dateInput.value}T23:59:59Z` } };
    }
    return { expiration: options.find((o) => o.value === selected.value).expiration };
  }
  return { node: box, read };
}

/** The create/edit form in #token-dialog. */
export class TokenForm {
  /**
   * @param {import('./api.js').Api} api
   * @param {() => {policy: object, apis: object[]}} settings
   * @param {(message: string) => void} onSaved called after a successful save, with a status text
   */
  constructor(api, settings, onSaved) {
    this.api = api;
    this.settings = settings;
    this.onSaved = onSaved;
    this.dialog = byId('token-dialog');
    this.form = byId('token-form');
    this.editing = null;
    this.expiry = null;
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.submit(); });
    byId('tf-cancel').addEventListener('click', () => this.dialog.close());
    byId('tf-apply-all').addEventListener('change', () => this.applyAll());
    byId('tf-all-level').addEventListener('change', () => this.applyAll());
  }

  openCreate() {
    this.editing = null;
    this.prepare(null);
    byId('token-dialog-title').textContent = 'Create token';
    byId('tf-submit').textContent = 'Create token';
    byId('tf-canary-field').hidden = false;
    this.dialog.showModal();
    byId('tf-name').focus();
  }

  openEdit(token) {
    this.editing = token;
    this.prepare(token);
    byId('token-dialog-title').textContent = `Edit token “${token.name}”`;
    byId('tf-canary-field').hidden = true; // a canary stays a canary
    byId('tf-submit').textContent = 'Save changes';
    this.dialog.showModal();
    byId('tf-name').focus();
  }

  prepare(token) {
    const { policy, apis, scope } = this.settings();
    this.form.reset();
    this.clearErrors();
    byId('tf-name').value = token ? token.name : '';
    byId('tf-description').value = token && token.description ? token.description : '';
    const owner = byId('tf-owner');
    owner.value = token ? token.owner : scope.fixedOwner || '';
    owner.readOnly = !!token || !!scope.fixedOwner; // self-service: the owner is the signed-in user
    const role = byId('tf-role');
    const grantable = policy.roles.filter((r) => scope.scope.grantableRoles.includes(r.name)
      || (token && token.role === r.name));
    role.replaceChildren(el('option', { value: '', text: 'No role' }),
      ...grantable.map((r) => el('option', { value: r.name, text: r.name + (r.managesTokens ? ' (can manage tokens)' : '') })));
    role.value = token && token.role ? token.role : '';
    const expiryBox = byId('tf-expiry');
    expiryBox.hidden = !!token; // the expiry changes only through "Regenerate"
    this.expiry = expiryChoices(policy, 'tf');
    byId('tf-expiry-options').replaceChildren(this.expiry.node);
    const access = token ? token.access : {};
    const names = apis.map((a) => a.name);
    for (const api of Object.keys(access)) if (api !== '*' && !names.includes(api)) names.push(api);
    byId('tf-apply-all').checked = '*' in access;
    byId('tf-all-level').value = access['*'] || 'NONE';
    for (const option of byId('tf-all-level').options) option.disabled = !withinCap(scope.cap, '*', option.value);
    const rows = names.map((api) => {
      const level = access[api] || access['*'] || 'NONE';
      const patterns = (apis.find((a) => a.name === api) || { pathPatterns: [] }).pathPatterns.join(', ');
      return el('tr', {},
        el('th', { scope: 'row' }, api, patterns ? el('span', { class: 'sub mono', text: patterns }) : null),
        ...LEVELS.map(([value, label]) => el('td', {}, el('input', {
          type: 'radio', name: `access-${api}`, value, checked: value === level, 'aria-label': `${label} to ${api}`,
          'data-api': api, disabled: !withinCap(scope.cap, api, value), // only what the caller may grant
        }))));
    });
    byId('tf-access-rows').replaceChildren(...rows);
    byId('tf-ips').value = token ? token.allowedIps.join('\n') : '';
  }

  applyAll() {
    if (!byId('tf-apply-all').checked) return;
    const level = byId('tf-all-level').value;
    for (const radio of byId('tf-access-rows').querySelectorAll(`input[type=radio][value="${level}"]`)) radio.checked = true;
  }

  readAccess() {
    const access = {};
    const applyAll = byId('tf-apply-all').checked;
    const allLevel = byId('tf-all-level').value;
    if (applyAll) access['*'] = allLevel;
    for (const radio of byId('tf-access-rows').querySelectorAll('input[type=radio]:checked')) {
      const level = radio.value;
      if (level !== 'NONE' || (applyAll && allLevel !== 'NONE')) access[radio.dataset.api] = level;
    }
    return access;
  }

  async submit() {
    this.clearErrors();
    const body = {
      name: byId('tf-name').value,
      description: byId('tf-description').value.trim() || null,
      role: byId('tf-role').value || null,
      access: this.readAccess(),
      allowedIps: byId('tf-ips').value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean),
    };
    const submitButton = byId('tf-submit');
    submitButton.disabled = true;
    try {
      if (this.editing) {
        const token = await this.api.patch(`tokens/${encodeURIComponent(this.editing.id)}`, body);
        this.dialog.close();
        await this.onSaved(`Token “${token.name}” saved.`);
      } else {
        body.owner = byId('tf-owner').value;
        const chosen = this.expiry.read();
        if (chosen.error) {
          this.showErrors({ expiration: chosen.error });
          return;
        }
        if (chosen.expiration) body.expiration = chosen.expiration;
        if (byId('tf-canary').checked) body.canary = true;
        const issued = await this.api.post('tokens', body);
        this.dialog.close();
        await showSecret(issued.secret, issued.token.name);
        await this.onSaved(`Token “${issued.token.name}” created.`);
      }
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const fields = e.fieldErrors();
      if (Object.keys(fields).length) this.showErrors(fields);
      else this.showFormError(e.message);
    } finally {
      submitButton.disabled = false;
    }
  }

  clearErrors() {
    for (const p of this.form.querySelectorAll('.field-error')) { p.hidden = true; p.textContent = ''; }
    for (const i of this.form.querySelectorAll('[aria-invalid]')) i.removeAttribute('aria-invalid');
    const formError = byId('token-form-error');
    formError.hidden = true;
    formError.textContent = '';
  }

  showFormError(message) {
    const formError = byId('token-form-error');
    formError.textContent = message;
    formError.hidden = false;
  }

  showErrors(fields) {
    let first = null;
    const other = [];
    for (const [field, message] of Object.entries(fields)) {
      const target = document.getElementById(`tf-${field}-error`);
      if (!target || !(field in FIELD_INPUTS)) { other.push(`${field}: ${message}`); continue; }
      target.textContent = message;
      target.hidden = false;
      const inputId = FIELD_INPUTS[field];
      const input = inputId ? byId(inputId) : target.closest('fieldset').querySelector('input');
      if (inputId) input.setAttribute('aria-invalid', 'true');
      first = first || input;
    }
    if (other.length) this.showFormError(other.join(' '));
    if (first) first.focus();
  }
}
