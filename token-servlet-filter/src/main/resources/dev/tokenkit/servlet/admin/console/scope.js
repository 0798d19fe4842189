// The caller's management scope (GET api/me) and the checks the console makes with it. The server enforces the
// same rules; the console only hides what would be refused.

const RANK = { NONE: 0, READ: 1, FULL: 2 };

/** The level grants give one API: its own grant, else the '*' grant, else NONE. */
export function levelFor(grants, api) {
  return grants[api] || grants['*'] || 'NONE';
}

/** Whether a level is at most what the cap allows for an API. */
export function withinCap(cap, api, level) {
  return RANK[level] <= RANK[levelFor(cap, api)];
}

/** A token's effective access: its role's grants overridden by its own (an own '*' replaces them all). */
export function effectiveAccess(token, roles) {
  const role = roles.find((r) => r.name === token.role);
  const own = token.access || {};
  if (!role || '*' in own) return own;
  return { ...role.grants, ...own };
}

/** Whether grants stay within the cap for every API. */
export function grantsWithinCap(cap, grants) {
  const apis = new Set([...Object.keys(cap), ...Object.keys(grants), '*']);
  for (const api of apis) if (!withinCap(cap, api, levelFor(grants, api))) return false;
  return true;
}

export class Scope {
  constructor(me) {
    this.me = me;
    this.scope = me.scope;
    this.ops = new Set(me.scope.operations);
  }

  /** Whether an operation ('issue', 'edit', 'rotate', 'revoke-all', ...) is allowed at all. */
  allows(op) { return this.ops.has(op); }

  get canWrite() { return this.scope.write; }

  /** The only owner in reach (self-service), or null. */
  get fixedOwner() { return this.scope.fixedOwner; }

  get cap() { return this.scope.maxAccess; }

  /** Whether an owner is in reach. */
  reaches(owner) {
    return this.scope.reach === 'ALL' || this.scope.owners.includes(owner);
  }

  /** Whether the caller may receive a new secret for (or edit) a token with this effective access. */
  mayHandle(token, roles) {
    return grantsWithinCap(this.cap, effectiveAccess(token, roles));
  }

  /** A short description for the header, e.g. "read only" or "own tokens". */
  describe() {
    const reach = this.scope.reach === 'ALL' ? 'all owners'
      : this.fixedOwner ? 'own tokens' : `owners ${this.scope.owners.join(', ')}`;
    return `${this.canWrite ? 'manage' : 'read only'}, ${reach}`;
  }
}
