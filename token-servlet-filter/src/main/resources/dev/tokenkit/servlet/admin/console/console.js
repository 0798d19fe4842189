// The admin console: sign-in, token list with filters and paging, actions, revoke all, API URLs, audit trail.
import { el, byId } from './dom.js';
import { Api, ApiError } from './api.js';
import { confirmAction, showSecret } from './dialogs.js';
import { expiryChoices, TokenForm } from './forms.js';
import { dateTime, eventLabel, expiringSoon, expiryClass, expiryText, lastUsedText, statusLabel, unusedText } from './format.js';
import { SharedSecretsPanel } from './sharedsecrets.js';
import { Scope } from './scope.js';
import { UnusedAccessPanel } from './usage.js';
import { editQuota } from './quota.js';

const TOKEN_KEY = 'tokenkit.adminToken';
const GRACE_CHOICES = [[0, 'No grace period: the old secret stops now'], [3600, '1 hour'], [86400, '1 day'], [604800, '7 days']];

const state = {
  scope: null, // the caller's management scope (api/me) once signed in
  probing: false, // looking for a host session: no sign-out message on 401
  policy: null,
  apis: [],
  cursors: [null], // cursor of each visited page; the last one is the current page
  nextCursor: null,
  tokens: new Map(),
  auditCursor: null,
  auditTokenId: null, // the audit trail shows only this token's events (a canary's triggers) when set
};

const api = new Api(() => sessionStorage.getItem(TOKEN_KEY), (error) => {
  if (state.probing) return;
  if (error.status === 403 && state.scope) return; // a refused action: shown as an error, the session stays
  signOut(error.status === 403
    ? 'This token may not manage tokens. Sign in with a token that has the ADMIN role.'
    : 'The admin token was rejected (wrong, expired, disabled or revoked). Sign in again.');
});
const tokenForm = new TokenForm(api, () => ({ policy: state.policy, apis: state.apis, scope: state.scope }), async (message) => {
  try {
    await refresh();
    announce(message);
  } catch (e) {
    showError(e);
  }
});

const sharedSecrets = new SharedSecretsPanel(api, (m) => announce(m), (e) => showError(e), () => loadAudit(true));
const unusedAccess = new UnusedAccessPanel(api, (m) => announce(m), (e) => showError(e), () => refresh());

// ---------------------------------------------------------------- messages

function announce(message) {
  byId('alert').hidden = true;
  byId('status').textContent = message;
}

function showError(error) {
  const alert = byId('alert');
  alert.textContent = error instanceof ApiError ? error.message : `Unexpected error: ${error.message || error}`;
  alert.hidden = false;
  byId('status').textContent = '';
}

// ---------------------------------------------------------------- session

/** Signs in with a token, or with the host's session when token is null. */
async function signIn(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  const [me, policy, apis] = await Promise.all([api.get('me'), api.get('policy'), api.get('apis')]);
  state.scope = new Scope(me);
  state.policy = policy;
  state.apis = apis.items;
  byId('sign-in').hidden = true;
  byId('app').hidden = false;
  byId('session').hidden = false;
  byId('session-info').textContent = `Signed in as ${me.actor} (${state.scope.describe()})`;
  byId('sign-out').hidden = !token;
  applyScope();
  renderApis();
  await Promise.all([loadTokens(), loadAudit(true)]);
}

/** Shows only what the scope allows: read-only callers see no actions; owner-scoped callers their own owner. */
function applyScope() {
  const scope = state.scope;
  byId('create-token').hidden = !scope.allows('issue');
  byId('revoke-all-section').hidden = !scope.allows('revoke-all');
  byId('audit-section').hidden = !scope.allows('audit');
  byId('unused-section').hidden = !scope.allows('list');
  // narrowing is an edit, and hands nothing beyond what the token has: the same rule as the Edit button
  unusedAccess.canNarrow = (t) => scope.allows('edit') && scope.reaches(t.owner);
  byId('shared-secret-button').hidden = !scope.scope.full; // shared secrets belong to no owner: full scope only
  const owners = byId('owners-in-reach');
  owners.replaceChildren(...scope.scope.owners.map((o) => el('option', { value: o })));
  for (const id of ['filter-owner', 'revoke-all-owner']) {
    const input = byId(id);
    input.value = scope.fixedOwner || '';
    input.readOnly = !!scope.fixedOwner;
  }
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  state.scope = null;
  state.tokens.clear();
  sharedSecrets.clear();
  unusedAccess.clear();
  byId('token-rows').replaceChildren();
  byId('audit-rows').replaceChildren();
  for (const d of document.querySelectorAll('dialog[open]')) d.close();
  byId('app').hidden = true;
  byId('session').hidden = true;
  byId('sign-in').hidden = false;
  const error = byId('sign-in-error');
  error.textContent = message || '';
  error.hidden = !message;
  byId('admin-token').value = '';
  byId('admin-token').focus();
  byId('status').textContent = message ? '' : 'Signed out.';
}

byId('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const token = byId('admin-token').value.trim();
  if (!token) {
    const error = byId('sign-in-error');
    error.textContent = 'Paste an admin token.';
    error.hidden = false;
    byId('admin-token').setAttribute('aria-invalid', 'true');
    return;
  }
  byId('admin-token').removeAttribute('aria-invalid');
  try {
    await signIn(token);
    byId('admin-token').value = '';
    announce('Signed in.');
    byId('tokens-title').setAttribute('tabindex', '-1');
    byId('tokens-title').focus();
  } catch (e) {
    if (!(e instanceof ApiError && (e.status === 401 || e.status === 403))) {
      sessionStorage.removeItem(TOKEN_KEY);
      showError(e);
    }
  }
});

byId('sign-out').addEventListener('click', () => signOut());

// ---------------------------------------------------------------- token list

function query() {
  const params = new URLSearchParams();
  const owner = byId('filter-owner').value.trim();
  const status = byId('filter-status').value;
  const expiring = byId('filter-expiring').value;
  if (owner) params.set('owner', owner);
  if (status) params.set('status', status);
  if (expiring) params.set('expiringBefore', new Date(Date.now() + Number(expiring) * 86_400_000).toISOString());
  params.set('limit', byId('filter-limit').value);
  const cursor = state.cursors[state.cursors.length - 1];
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

async function loadTokens() {
  const page = await api.get(`tokens?${query()}`);
  state.nextCursor = page.nextCursor;
  state.tokens = new Map(page.items.map((t) => [t.id, t]));
  byId('token-rows').replaceChildren(...page.items.map(tokenRow));
  byId('empty-list').hidden = page.items.length > 0;
  byId('prev-page').disabled = state.cursors.length <= 1;
  byId('next-page').disabled = !page.nextCursor;
  byId('page-info').textContent = `Page ${state.cursors.length}`;
}

function tokenRow(t) {
  const now = Date.now();
  const label = t.name;
  const button = (action, text, danger = false) => el('button', {
    type: 'button', class: `small ${danger ? 'danger' : 'secondary'}`, 'data-action': action, 'data-token-id': t.id,
    'aria-label': `${text} token ${label}`, text,
  });
  const actions = el('div', { class: 'actions' });
  const scope = state.scope;
  // edit, rotate and regenerate hand the caller a token of this access: only within what it may grant
  const handles = scope.mayHandle(t, state.policy.roles);
  const may = (op) => scope.allows(op) && scope.reaches(t.owner);
  if (t.status !== 'REVOKED') {
    if (may('edit') && handles) actions.append(button('edit', 'Edit'));
    if (may('edit')) actions.append(button('quota', 'Quota'));
    if (may('rotate') && handles) actions.append(button('rotate', 'Rotate'));
    if (may('regenerate') && handles) actions.append(button('regenerate', 'Regenerate'));
    if (t.status === 'DISABLED' ? may('enable') : may('disable')) {
      actions.append(t.status === 'DISABLED' ? button('enable', 'Enable') : button('disable', 'Disable'));
    }
    if (may('revoke')) actions.append(button('revoke', 'Revoke', true));
  }
  if (may('delete')) actions.append(button('delete', 'Delete', true));
  if (t.canary && scope.allows('audit')) actions.prepend(button('triggers', 'Triggers'));
  return el('tr', { 'data-token-id': t.id, 'data-token-name': t.name, 'data-canary': t.canary ? 'true' : null },
    el('td', {}, el('span', { class: 'token-name', text: t.name }),
      t.canary ? el('span', { class: 'tag tag-canary', text: 'Canary' }) : null,
      t.description ? el('span', { class: 'sub', text: t.description }) : null,
      el('span', { class: 'sub mono', text: t.displayHint })),
    el('td', { text: t.owner }),
    el('td', { text: t.role || '—' }),
    el('td', { text: dateTime(t.createdAt) }),
    el('td', { class: `expiry ${expiryClass(t.expiresAt, now)}`, title: t.expiresAt ? dateTime(t.expiresAt) : null },
      expiryText(t.expiresAt, now),
      t.status === 'ACTIVE' && expiringSoon(t.expiresAt, state.policy.expiryNoticeLeadDays, now)
        ? el('span', { class: 'tag tag-expiring-soon', text: 'Expiring soon' }) : null),
    el('td', { class: 'last-used' }, lastUsedText(t),
      t.lastUsedIp ? el('span', { class: 'sub mono', text: t.lastUsedIp }) : null,
      unusedText(t, now) ? el('span', { class: 'sub unused', text: unusedText(t, now) }) : null),
    el('td', {}, el('span', { class: `badge badge-${t.status}`, text: statusLabel(t.status) }),
      t.blockedReason === 'POLICY_VIOLATION'
        ? el('span', { class: 'tag tag-policy-violation', title: 'The token exceeds the current expiry policy. Regenerate it within the policy to use it again.',
          text: 'Blocked: exceeds the expiry policy' }) : null),
    el('td', {}, actions));
}

/** Reloads the current token page and the audit trail; throws ApiError on failure. */
async function refresh() {
  await Promise.all([loadTokens(), loadAudit(true)]);
}

byId('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  state.cursors = [null];
  refresh().catch(showError);
});
byId('filters').addEventListener('reset', () => {
  setTimeout(() => { state.cursors = [null]; refresh().catch(showError); }, 0);
});
byId('next-page').addEventListener('click', () => {
  if (!state.nextCursor) return;
  state.cursors.push(state.nextCursor);
  loadTokens().catch(showError);
});
byId('prev-page').addEventListener('click', () => {
  if (state.cursors.length <= 1) return;
  state.cursors.pop();
  loadTokens().catch(showError);
});

// ---------------------------------------------------------------- actions

byId('create-token').addEventListener('click', () => tokenForm.openCreate());

byId('token-rows').addEventListener('click', (event) => {
  const target = event.target.closest('button[data-action]');
  if (!target) return;
  const token = state.tokens.get(target.dataset.tokenId);
  if (!token) return;
  runAction(target.dataset.action, token).catch(showError);
});

async function runAction(action, t) {
  let message;
  const path = `tokens/${encodeURIComponent(t.id)}`;
  switch (action) {
    case 'edit':
      tokenForm.openEdit(t);
      return;
    case 'triggers': // a canary's uses: its audit events, CANARY_TRIGGERED among them
      state.auditTokenId = t.id;
      byId('audit-filter-text').textContent = `Events of canary “${t.name}” (${t.id}) `;
      byId('audit-filter').hidden = false;
      await loadAudit(true);
      byId('audit-title').focus();
      return;
    case 'quota':
      message = await editQuota(api, t);
      if (!message) return;
      break;
    case 'rotate': {
      const select = el('select', { id: 'grace-seconds' },
        ...GRACE_CHOICES.map(([seconds, text]) => el('option', { value: seconds, text })));
      const extra = el('div', { class: 'field' }, el('label', { for: 'grace-seconds', text: 'Old secret keeps working for' }), select);
      if (!await confirmAction({ title: `Rotate token “${t.name}”?`, confirmLabel: 'Rotate', extra,
        message: 'A new secret is issued for the same token id and permissions. Update every integration that uses this token with the new secret.' })) return;
      const issued = await api.post(`${path}/rotate`, { graceSeconds: Number(select.value) });
      await showSecret(issued.secret, issued.token.name);
      message = `Token “${t.name}” rotated.`;
      break;
    }
    case 'regenerate': {
      const choices = expiryChoices(state.policy, 'rg');
      const extra = el('fieldset', { class: 'field' }, el('legend', { text: 'New expiration' }), choices.node);
      if (!await confirmAction({ title: `Regenerate token “${t.name}”?`, confirmLabel: 'Regenerate', extra,
        message: 'A new secret with a new expiry is issued and the old secret stops working at once.' })) return;
      const chosen = choices.read();
      if (chosen.error) throw new ApiError(400, { detail: chosen.error });
      const issued = await api.post(`${path}/regenerate`, chosen.expiration ? { expiration: chosen.expiration } : {});
      await showSecret(issued.secret, issued.token.name);
      message = `Token “${t.name}” regenerated.`;
      break;
    }
    case 'disable':
      if (!await confirmAction({ title: `Disable token “${t.name}”?`, confirmLabel: 'Disable',
        message: 'The token stops working until it is enabled again.' })) return;
      await api.post(`${path}/disable`, {});
      message = `Token “${t.name}” disabled.`;
      break;
    case 'enable':
      if (!await confirmAction({ title: `Enable token “${t.name}”?`, confirmLabel: 'Enable', danger: false,
        message: 'The token can be used for integrations again.' })) return;
      await api.post(`${path}/enable`, {});
      message = `Token “${t.name}” enabled.`;
      break;
    case 'revoke':
      if (!await confirmAction({ title: `Revoke token “${t.name}”?`, confirmLabel: 'Revoke token',
        message: 'The token stops working permanently. This cannot be undone; a revoked token cannot be enabled again.' })) return;
      await api.post(`${path}/revoke`, {});
      message = `Token “${t.name}” revoked.`;
      break;
    case 'delete':
      if (!await confirmAction({ title: `Delete token “${t.name}”?`, confirmLabel: 'Delete',
        message: 'The token is removed permanently and cannot be recovered. Its audit events remain.' })) return;
      await api.delete(path);
      message = `Token “${t.name}” deleted.`;
      break;
    default:
      return;
  }
  await refresh();
  announce(message);
}

byId('revoke-all-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = byId('revoke-all-owner');
  const error = byId('revoke-all-error');
  const owner = input.value.trim();
  error.hidden = !!owner;
  if (!owner) {
    error.textContent = 'Enter the owner whose tokens to revoke.';
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  if (!state.scope.reaches(owner)) {
    error.hidden = false;
    error.textContent = `You may only revoke tokens of ${state.scope.scope.owners.join(', ')}.`;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  input.removeAttribute('aria-invalid');
  try {
    if (!await confirmAction({ title: `Revoke all tokens of “${owner}”?`, confirmLabel: 'Revoke all tokens',
      message: `Every token of ${owner} stops working permanently. This cannot be undone.` })) return;
    const result = await api.post('owners/revoke-all', { owner });
    input.value = state.scope.fixedOwner || '';
    await refresh();
    announce(`Revoked ${result.revoked} token${result.revoked === 1 ? '' : 's'} of “${owner}”.`);
  } catch (e) {
    showError(e);
  }
});

// ---------------------------------------------------------------- API URLs and audit

function renderApis() {
  const rows = state.apis.map((a) => el('tr', {}, el('th', { scope: 'row', text: a.name }),
    el('td', {}, ...a.pathPatterns.map((p) => el('code', { class: 'sub', text: p })))));
  byId('api-rows').replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: 2, class: 'muted', text: 'The host application has not listed its APIs.' }))]));
}

async function loadAudit(first) {
  if (!state.scope.allows('audit')) return;
  const params = new URLSearchParams({ limit: '20' });
  if (state.auditTokenId) params.set('tokenId', state.auditTokenId);
  if (!first && state.auditCursor) params.set('cursor', state.auditCursor);
  const page = await api.get(`audit?${params}`);
  state.auditCursor = page.nextCursor;
  const rows = page.items.map((e) => el('tr', { class: e.type === 'CANARY_TRIGGERED' ? 'canary-trigger' : null },
    el('td', { text: dateTime(e.at) }), el('td', { text: eventLabel(e.type) }),
    el('td', { class: 'mono', text: e.tokenId }), el('td', { text: e.actor }),
    el('td', { class: 'mono', text: e.actorIp || '' }), el('td', { text: e.detail || '' })));
  if (first) byId('audit-rows').replaceChildren(...rows);
  else byId('audit-rows').append(...rows);
  byId('audit-more').hidden = !page.nextCursor;
}

byId('audit-more').addEventListener('click', () => loadAudit(false).catch(showError));
byId('audit-show-all').addEventListener('click', () => {
  state.auditTokenId = null;
  byId('audit-filter').hidden = true;
  loadAudit(true).catch(showError);
});
byId('audit-refresh').addEventListener('click', () => loadAudit(true).catch(showError));

// ---------------------------------------------------------------- start

function showSignIn() {
  byId('sign-in').hidden = false;
  byId('admin-token').focus();
}

// The sign-in form stays hidden until we know whether this tab already holds a working admin token, or the
// host's own login (a session) already lets the browser manage tokens.
const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) {
  signIn(saved).catch((e) => {
    if (!(e instanceof ApiError && (e.status === 401 || e.status === 403))) {
      showError(e);
      showSignIn();
    }
  });
} else {
  state.probing = true;
  signIn(null).catch(() => showSignIn()).finally(() => { state.probing = false; });
}
